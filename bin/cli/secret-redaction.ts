import { splitPath } from '../../kernel/config/object-path.js';
import { isSecretKey, redactSecrets } from '../../kernel/config/redact-secrets.js';

/** What `config get` shows in place of a secret unless --show-secrets. */
export const SHOWN_REDACTED = '[redacted: add --show-secrets]';

/** Redact a value read at `dotted`: secret leaves whole, objects key by key. */
export function redactAt(dotted: string, value: unknown): unknown {
  const parts = splitPath(dotted);
  const last = parts[parts.length - 1];
  if (last && isSecretKey(last) && (typeof value === 'string' || typeof value === 'number')) return SHOWN_REDACTED;
  return replacePlaceholder(redactSecrets(value));
}

function replacePlaceholder(v: unknown): unknown {
  if (typeof v === 'string' && v === '__MOLTBOT_REDACTED__') return SHOWN_REDACTED;
  if (Array.isArray(v)) return v.map(replacePlaceholder);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replacePlaceholder(x)]));
  return v;
}
