import type { KernelRuntime } from './runtime.js';

/**
 * The kernel's periodic broadcasts: `tick` every `tickIntervalMs`, and `health` whenever the
 * snapshot changed — checked on every plugin swap and every 5 s, since a channel's link state
 * changes without telling anyone.
 */
export class HealthPublisher {
  private tickTimer?: NodeJS.Timeout;
  private healthTimer?: NodeJS.Timeout;
  private lastHealthJson = '';

  constructor(
    private readonly runtime: () => KernelRuntime | undefined,
    private readonly snapshot: () => Record<string, unknown>,
  ) {}

  start(): void {
    const rt = this.runtime();
    if (!rt) return;
    this.stop();
    this.tickTimer = setInterval(() => rt.broadcaster.broadcast('tick', { ts: Date.now() }), rt.tickIntervalMs);
    this.tickTimer.unref();
    this.healthTimer = setInterval(() => this.refresh(), 5000);
    this.healthTimer.unref();
  }

  stop(): void {
    if (this.tickTimer) clearInterval(this.tickTimer);
    if (this.healthTimer) clearInterval(this.healthTimer);
    this.tickTimer = this.healthTimer = undefined;
  }

  /** Recompute health; when it changed, bump stateVersion.health and broadcast it. */
  refresh(): void {
    const rt = this.runtime();
    if (!rt) return;
    const snap = this.snapshot();
    const { ts: _ts, durationMs: _d, ...stable } = snap;
    const json = JSON.stringify(stable);
    if (json === this.lastHealthJson) return;
    this.lastHealthJson = json;
    rt.broadcaster.bumpHealth();
    rt.broadcaster.broadcast('health', snap);
  }
}
