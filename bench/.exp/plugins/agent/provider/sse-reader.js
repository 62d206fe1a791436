/**
 * Server-sent events from a fetch body: yields `{event, data}` per event (blank-line separated,
 * multi-line `data:` joined with "\n", comments skipped). Both provider APIs stream this way.
 */
export async function* readSse(body) {
    const decoder = new TextDecoder();
    let buffer = '';
    let event;
    let data = [];
    const reader = body.getReader();
    try {
        for (;;) {
            const { value, done } = await reader.read();
            buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
            // A last line without its newline still counts.
            if (done && buffer !== '' && !buffer.endsWith('\n'))
                buffer += '\n';
            let nl;
            while ((nl = buffer.search(/\r?\n/)) >= 0) {
                const line = buffer.slice(0, nl);
                buffer = buffer.slice(buffer[nl] === '\r' ? nl + 2 : nl + 1);
                if (line === '') {
                    if (data.length)
                        yield { event, data: data.join('\n') };
                    event = undefined;
                    data = [];
                    continue;
                }
                if (line.startsWith(':'))
                    continue;
                const colon = line.indexOf(':');
                const field = colon < 0 ? line : line.slice(0, colon);
                const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
                if (field === 'event')
                    event = val;
                else if (field === 'data')
                    data.push(val);
            }
            if (done)
                break;
        }
        if (data.length)
            yield { event, data: data.join('\n') };
    }
    finally {
        reader.releaseLock();
    }
}
//# sourceMappingURL=sse-reader.js.map