/** The SDK version the kernel implements. A plugin's `sdk` range must include it. */
export declare const SDK_VERSION = "1.0.0";
