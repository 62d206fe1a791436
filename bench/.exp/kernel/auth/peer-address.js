import net from 'node:net';
/** Normalise `::ffff:127.0.0.1` to `127.0.0.1`. */
export function normalizeAddress(addr) {
    if (!addr)
        return 'unknown';
    return addr.startsWith('::ffff:') ? addr.slice(7) : addr;
}
export function isLoopbackAddress(addr) {
    const a = normalizeAddress(addr);
    if (a === '::1')
        return true;
    return net.isIPv4(a) && a.startsWith('127.');
}
//# sourceMappingURL=peer-address.js.map