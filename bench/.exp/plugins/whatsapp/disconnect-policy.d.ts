/** Baileys' DisconnectReason codes we act on (the Boom status code of `lastDisconnect.error`). */
export declare const DISCONNECT: {
    readonly loggedOut: 401;
    readonly forbidden: 403;
    readonly connectionReplaced: 440;
    readonly badSession: 500;
    readonly restartRequired: 515;
};
export type DisconnectAction = {
    kind: 'logged-out';
} | {
    kind: 'replaced';
} | {
    kind: 'restart-now';
} | {
    kind: 'backoff';
};
/**
 * What a closed connection means: logged out (401/403) → stop, the operator must link again;
 * replaced by another session (440) → stop and alert, never fight over the session; restart
 * required after pairing (515) → reconnect at once (once); anything else → reconnect with backoff.
 */
export declare function disconnectAction(statusCode: number | undefined, restartAlreadyUsed: boolean): DisconnectAction;
/** The Boom status code Baileys puts on `lastDisconnect.error.output.statusCode`. */
export declare function statusCodeOf(error: unknown): number | undefined;
export declare function reconnectDelayMs(attempt: number, baseMs: number, maxMs?: number, random?: () => number): number;
