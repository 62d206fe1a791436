import { isPlainObject, type JsonObject } from './object-path.js';

/** Shown instead of a secret; sent back unchanged in a config write, it keeps the stored secret. */
export const REDACTED = '__MOLTBOT_REDACTED__';

const SECRET_KEY = /(token|password|secret|api[-_]?key|private[-_]?key|credential|authorization|cookie)$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (!isPlainObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    // Every value of a `headers` map (provider headers carry keys under any name) counts as secret.
    if (k === 'headers' && isPlainObject(v))
      out[k] = Object.fromEntries(
        Object.entries(v).map(([h, hv]) => [h, typeof hv === 'string' ? REDACTED : redactSecrets(hv)]),
      );
    else out[k] = isSecretKey(k) && (typeof v === 'string' || typeof v === 'number') ? REDACTED : redactSecrets(v);
  }
  return out;
}

/** Replace every REDACTED placeholder in `incoming` with the value at the same place in `current`. */
export function restoreRedacted(incoming: unknown, current: unknown): unknown {
  if (incoming === REDACTED) return current;
  if (Array.isArray(incoming))
    return incoming.map((v, i) => restoreRedacted(v, Array.isArray(current) ? current[i] : undefined));
  if (!isPlainObject(incoming)) return incoming;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(incoming)) {
    out[k] = restoreRedacted(v, isPlainObject(current) ? current[k] : undefined);
  }
  return out;
}
