/**
 * Make a value from the network (a header, a client-supplied name) safe to log: control and
 * non-printable characters escaped, length capped, so a peer cannot forge log lines or flood.
 */
export declare function untrustedText(value: unknown, max?: number): string | undefined;
