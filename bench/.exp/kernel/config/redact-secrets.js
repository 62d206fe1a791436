import { isPlainObject } from './object-path.js';
/** Shown instead of a secret; sent back unchanged in a config write, it keeps the stored secret. */
export const REDACTED = '__MOLTBOT_REDACTED__';
const SECRET_KEY = /(token|password|secret|apikey|api_key|privatekey|private_key|credential)$/i;
export function isSecretKey(key) {
    return SECRET_KEY.test(key);
}
export function redactSecrets(value) {
    if (Array.isArray(value))
        return value.map(redactSecrets);
    if (!isPlainObject(value))
        return value;
    const out = {};
    for (const [k, v] of Object.entries(value)) {
        out[k] = isSecretKey(k) && (typeof v === 'string' || typeof v === 'number') ? REDACTED : redactSecrets(v);
    }
    return out;
}
/** Replace every REDACTED placeholder in `incoming` with the value at the same place in `current`. */
export function restoreRedacted(incoming, current) {
    if (incoming === REDACTED)
        return current;
    if (Array.isArray(incoming))
        return incoming.map((v, i) => restoreRedacted(v, Array.isArray(current) ? current[i] : undefined));
    if (!isPlainObject(incoming))
        return incoming;
    const out = {};
    for (const [k, v] of Object.entries(incoming)) {
        out[k] = restoreRedacted(v, isPlainObject(current) ? current[k] : undefined);
    }
    return out;
}
//# sourceMappingURL=redact-secrets.js.map