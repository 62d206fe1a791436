/** Shown instead of a secret; sent back unchanged in a config write, it keeps the stored secret. */
export declare const REDACTED = "__MOLTBOT_REDACTED__";
export declare function isSecretKey(key: string): boolean;
export declare function redactSecrets(value: unknown): unknown;
/** Replace every REDACTED placeholder in `incoming` with the value at the same place in `current`. */
export declare function restoreRedacted(incoming: unknown, current: unknown): unknown;
