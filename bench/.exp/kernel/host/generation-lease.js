import { kernelError } from '../errors.js';
/**
 * A generation's lease (Cordis-style effects): every registration is a labelled disposer;
 * `end()` runs them in reverse order, once, logging (not throwing) their errors. A retired lease
 * refuses new effects with GW_ERR_LEASE_INACTIVE.
 */
export class GenerationLease {
    owner;
    logger;
    controller = new AbortController();
    effects = [];
    inflight = new Set();
    ending;
    constructor(owner, logger) {
        this.owner = owner;
        this.logger = logger;
    }
    get signal() {
        return this.controller.signal;
    }
    get active() {
        return !this.controller.signal.aborted && this.ending === undefined;
    }
    defer(label, dispose) {
        if (!this.active)
            throw kernelError('GW_ERR_LEASE_INACTIVE', `${this.owner}: cannot register "${label}" on a retired generation`);
        this.effects.push({ label, dispose });
    }
    interval(label, ms, fn) {
        const handle = setInterval(() => this.guard(label, fn), ms);
        this.defer(label, () => clearInterval(handle));
    }
    timeout(label, ms, fn) {
        const handle = setTimeout(() => this.guard(label, fn), ms);
        this.defer(label, () => clearTimeout(handle));
    }
    track(work) {
        this.inflight.add(work);
        const done = () => this.inflight.delete(work);
        work.then(done, done);
        return work;
    }
    get inflightCount() {
        return this.inflight.size;
    }
    /** Resolves when tracked work is done (or never, if it never ends: callers race a deadline). */
    async settled() {
        while (this.inflight.size > 0)
            await Promise.allSettled([...this.inflight]);
    }
    /** Abort the signal and run every disposer in reverse order. Safe to call twice. */
    end() {
        if (!this.ending)
            this.ending = this.runDisposers();
        return this.ending;
    }
    get effectCount() {
        return this.effects.length;
    }
    async runDisposers() {
        this.controller.abort();
        while (this.effects.length) {
            const effect = this.effects.pop();
            try {
                await effect.dispose();
            }
            catch (err) {
                this.logger.error({ err, effect: effect.label }, 'disposer failed');
            }
        }
    }
    guard(label, fn) {
        try {
            fn();
        }
        catch (err) {
            this.logger.error({ err, effect: label }, 'timer callback failed');
        }
    }
}
//# sourceMappingURL=generation-lease.js.map