/** Baileys' DisconnectReason codes we act on (the Boom status code of `lastDisconnect.error`). */
export const DISCONNECT = {
  loggedOut: 401,
  forbidden: 403,
  connectionReplaced: 440,
  badSession: 500,
  restartRequired: 515,
} as const;

export type DisconnectAction =
  | { kind: 'logged-out' }
  | { kind: 'replaced' }
  | { kind: 'restart-now' }
  | { kind: 'backoff' };

/**
 * What a closed connection means: logged out (401/403) → stop, the operator must link again;
 * replaced by another session (440) → stop and alert, never fight over the session; restart
 * required after pairing (515) → reconnect at once (once); anything else → reconnect with backoff.
 */
export function disconnectAction(statusCode: number | undefined, restartAlreadyUsed: boolean): DisconnectAction {
  if (statusCode === DISCONNECT.loggedOut || statusCode === DISCONNECT.forbidden) return { kind: 'logged-out' };
  if (statusCode === DISCONNECT.connectionReplaced) return { kind: 'replaced' };
  if (statusCode === DISCONNECT.restartRequired && !restartAlreadyUsed) return { kind: 'restart-now' };
  return { kind: 'backoff' };
}

/** The Boom status code Baileys puts on `lastDisconnect.error.output.statusCode`. */
export function statusCodeOf(error: unknown): number | undefined {
  const e = error as { output?: { statusCode?: unknown }; statusCode?: unknown } | undefined;
  const code = e?.output?.statusCode ?? e?.statusCode;
  return typeof code === 'number' ? code : undefined;
}
