/**
 * Short confirmations and failures of user actions ("telegram reloaded"), shown by the app
 * shell in a polite live region. Pages call `notify`; the shell listens.
 */
export interface Notice {
  id: number;
  text: string;
  kind: 'ok' | 'error' | 'info';
}

let nextId = 1;

export function notify(text: string, kind: Notice['kind'] = 'ok'): void {
  window.dispatchEvent(new CustomEvent<Notice>('mb-notice', { detail: { id: nextId++, text, kind } }));
}

/** The message of a failed request, for a notice or an inline error. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
