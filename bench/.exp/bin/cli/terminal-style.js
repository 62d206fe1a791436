export function colorsWanted(stream, env = process.env) {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '')
        return false;
    if (env.TERM === 'dumb')
        return false;
    return stream.isTTY === true;
}
export function terminalStyle(enabled) {
    const wrap = (open, close) => (s) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
    return {
        enabled,
        red: wrap(31, 39),
        green: wrap(32, 39),
        yellow: wrap(33, 39),
        cyan: wrap(36, 39),
        dim: wrap(2, 22),
        bold: wrap(1, 22),
    };
}
//# sourceMappingURL=terminal-style.js.map