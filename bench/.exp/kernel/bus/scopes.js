export const OPERATOR_SCOPES = ['operator.read', 'operator.write', 'operator.admin', 'operator.approvals', 'operator.pairing'];
/** `operator.admin` holds every operator scope; `operator.write` holds `operator.read`. */
export function hasScope(held, needed) {
    if (held.includes(needed))
        return true;
    if (needed === 'node')
        return false;
    if (held.includes('operator.admin'))
        return true;
    return needed === 'operator.read' && held.includes('operator.write');
}
export function isScope(s) {
    return OPERATOR_SCOPES.includes(s) || s === 'node';
}
//# sourceMappingURL=scopes.js.map