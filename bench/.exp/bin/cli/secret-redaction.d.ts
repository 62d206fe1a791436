/** What `config get` shows in place of a secret unless --show-secrets. */
export declare const SHOWN_REDACTED = "[redacted: add --show-secrets]";
/** Redact a value read at `dotted`: secret leaves whole, objects key by key. */
export declare function redactAt(dotted: string, value: unknown): unknown;
