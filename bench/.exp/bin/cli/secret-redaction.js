import { isSecretKey, redactSecrets } from '../../kernel/config/redact-secrets.js';
import { splitPath } from '../../kernel/config/object-path.js';
/** What `config get` shows in place of a secret unless --show-secrets. */
export const SHOWN_REDACTED = '[redacted: add --show-secrets]';
/** Redact a value read at `dotted`: secret leaves whole, objects key by key. */
export function redactAt(dotted, value) {
    const parts = splitPath(dotted);
    const last = parts[parts.length - 1];
    if (last && isSecretKey(last) && (typeof value === 'string' || typeof value === 'number'))
        return SHOWN_REDACTED;
    return replacePlaceholder(redactSecrets(value));
}
function replacePlaceholder(v) {
    if (typeof v === 'string' && v === '__MOLTBOT_REDACTED__')
        return SHOWN_REDACTED;
    if (Array.isArray(v))
        return v.map(replacePlaceholder);
    if (v && typeof v === 'object')
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replacePlaceholder(x)]));
    return v;
}
//# sourceMappingURL=secret-redaction.js.map