/** Minimum spacing of `assistant` broadcasts per run (the first delta goes out at once). */
export const ASSISTANT_BROADCAST_INTERVAL_MS = 100;

interface Pending {
  delta: string;
  text: string;
  timer?: NodeJS.Timeout;
  lastSentAt: number;
}

/**
 * Coalesces a run's assistant deltas for broadcasting. A model streams a token at a time and
 * each broadcast carries the text so far (clients render from it), so one event per token
 * would send O(n²) bytes to every operator; instead the first delta goes out at once and later
 * ones are merged into at most one event per interval. `flush` sends what is pending (before a
 * tool or lifecycle event, so the order on the wire stays the model's order).
 */
export class AssistantCoalescer<R extends object> {
  private readonly pending = new WeakMap<R, Pending>();

  constructor(
    private readonly send: (run: R, data: { delta: string; text: string }) => void,
    private readonly intervalMs = ASSISTANT_BROADCAST_INTERVAL_MS,
  ) {}

  push(run: R, delta: string, text: string): void {
    const p = this.pending.get(run) ?? { delta: '', text: '', lastSentAt: 0 };
    this.pending.set(run, p);
    p.delta += delta;
    p.text = text;
    if (p.timer) return;
    const wait = p.lastSentAt + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.flush(run);
      return;
    }
    p.timer = setTimeout(() => this.flush(run), wait);
    p.timer.unref();
  }

  flush(run: R): void {
    const p = this.pending.get(run);
    if (!p) return;
    if (p.timer) clearTimeout(p.timer);
    p.timer = undefined;
    if (p.delta === '') return;
    const data = { delta: p.delta, text: p.text };
    p.delta = '';
    p.lastSentAt = Date.now();
    this.send(run, data);
  }
}
