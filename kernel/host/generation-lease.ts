import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { Disposer, Lease } from '../../sdk/context.js';
import { kernelError } from '../errors.js';

interface Effect {
  label: string;
  dispose: () => unknown | Promise<unknown>;
}

/**
 * A generation's lease (Cordis-style effects): every registration is a labelled disposer;
 * `end()` runs them in reverse order, once, logging (not throwing) their errors. A retired lease
 * refuses new effects with GW_ERR_LEASE_INACTIVE.
 */
export class GenerationLease implements Lease {
  private readonly controller = new AbortController();
  private readonly effects: Effect[] = [];
  private readonly inflight = new Set<Promise<unknown>>();
  private ending?: Promise<void>;

  constructor(
    private readonly owner: string,
    private readonly logger: Logger,
  ) {
    // Every request, poll and send of a generation may listen on its signal at once; the default
    // cap of 10 would warn under normal load. A higher cap still catches a real leak.
    setMaxListeners(1000, this.controller.signal);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get active(): boolean {
    return !this.controller.signal.aborted && this.ending === undefined;
  }

  /**
   * Record an effect's disposer. The returned function disposes it early (once; errors logged);
   * after that, or after the lease ended, it does nothing.
   */
  defer(label: string, dispose: () => unknown | Promise<unknown>): Disposer {
    this.assertActive(label);
    const effect: Effect = { label, dispose };
    this.effects.push(effect);
    return () => {
      const at = this.effects.lastIndexOf(effect);
      if (at === -1) return;
      this.effects.splice(at, 1);
      this.runOne(effect);
    };
  }

  interval(label: string, ms: number, fn: () => void): Disposer {
    this.assertActive(label); // before the timer exists, so a refused one never runs
    const handle = setInterval(() => this.guard(label, fn), ms);
    return this.defer(label, () => clearInterval(handle));
  }

  timeout(label: string, ms: number, fn: () => void): Disposer {
    this.assertActive(label);
    const handle = setTimeout(() => this.guard(label, fn), ms);
    return this.defer(label, () => clearTimeout(handle));
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    const done = () => this.inflight.delete(work);
    work.then(done, done);
    return work;
  }

  get inflightCount(): number {
    return this.inflight.size;
  }

  /** Resolves when tracked work is done (or never, if it never ends: callers race a deadline). */
  async settled(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** Abort the signal and run every disposer in reverse order. Safe to call twice. */
  end(): Promise<void> {
    if (!this.ending) this.ending = this.runDisposers();
    return this.ending;
  }

  get effectCount(): number {
    return this.effects.length;
  }

  private async runDisposers(): Promise<void> {
    this.controller.abort();
    while (this.effects.length) await this.runOne(this.effects.pop()!);
  }

  /** Run one disposer; a throw or a rejection is logged, never passed on. */
  private runOne(effect: Effect): Promise<void> | undefined {
    const failed = (err: unknown) => this.logger.error({ err, effect: effect.label }, 'disposer failed');
    try {
      const result = effect.dispose();
      if (result instanceof Promise) return result.then(() => undefined, failed);
    } catch (err) {
      failed(err);
    }
    return undefined;
  }

  /** Throws GW_ERR_LEASE_INACTIVE once the lease is retired (Cordis: a disposed scope takes no effects). */
  assertActive(label: string): void {
    if (!this.active)
      throw kernelError('GW_ERR_LEASE_INACTIVE', `${this.owner}: cannot register ${label} on a retired generation`);
  }

  private guard(label: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.logger.error({ err, effect: label }, 'timer callback failed');
    }
  }
}
