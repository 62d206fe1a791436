/**
 * Split a reply into pieces no longer than `limit`, preferring paragraph breaks, then line
 * breaks, then sentence ends, then spaces; a single unbreakable run is cut hard. Pieces keep
 * their order and lose only the whitespace at the cut.
 */
export function chunkText(text, limit) {
    if (limit < 1)
        throw new RangeError('chunk limit must be at least 1');
    const out = [];
    let rest = text.trim();
    while (rest.length > limit) {
        const cut = findCut(rest, limit);
        const head = rest.slice(0, cut).trimEnd();
        if (head.length > 0)
            out.push(head);
        rest = rest.slice(cut).trimStart();
    }
    if (rest.length > 0)
        out.push(rest);
    return out;
}
/** Cut points, best first; each must leave a head at least a third of the limit long. */
const BOUNDARIES = [/\n\s*\n/g, /\n/g, /[.!?…。](?=\s)/g, /[;:,](?=\s)/g, /\s/g];
function findCut(text, limit) {
    const window = text.slice(0, limit + 1);
    const floor = Math.floor(limit / 3);
    for (const pattern of BOUNDARIES) {
        let best = -1;
        pattern.lastIndex = 0;
        for (let m = pattern.exec(window); m; m = pattern.exec(window)) {
            // Sentence punctuation stays with its sentence; whitespace boundaries cut before them.
            const end = /^[\s]/.test(m[0]) ? m.index : m.index + m[0].length;
            if (end <= limit && end >= floor)
                best = end;
            if (m[0].length === 0)
                pattern.lastIndex++;
        }
        if (best > 0)
            return best;
    }
    return limit;
}
//# sourceMappingURL=text-chunker.js.map