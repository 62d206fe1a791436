/** Exponential backoff with jitter over the upper half: base·2^(failures-1), capped. */
export function backoffMs(failures, baseMs = 1000, maxMs = 30_000, random = Math.random) {
    const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
/** Sleep that ends early (resolving) when `signal` aborts. */
export function sleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal.aborted)
            return resolve();
        const timer = setTimeout(done, ms);
        signal.addEventListener('abort', done, { once: true });
        function done() {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            resolve();
        }
    });
}
//# sourceMappingURL=retry-backoff.js.map