/** Install the resolve hook once per process, before the first third-party plugin import. */
export declare function registerSdkResolver(): void;
