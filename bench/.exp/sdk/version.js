/** The SDK version the kernel implements. A plugin's `sdk` range must include it. */
export const SDK_VERSION = '1.0.0';
//# sourceMappingURL=version.js.map