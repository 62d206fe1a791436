import type { PluginContext } from '../../sdk/index.js';
import type { HooksConfigT } from './config-schema.js';
import { hookRetryDelayMs } from './hook-retry.js';
import type { HookRow, HookRun, HookStore } from './hook-store.js';

const PUMP_INTERVAL_MS = 500;
const MAX_ATTEMPTS = 5;
const MAX_IN_FLIGHT = 100;
const BUSY_RETRY_MS = 1000;
const SUMMARY_CHARS = 500;
/** Agent outcomes that mean "later", not "never". */
const AGENT_BUSY = new Set(['GW_ERR_AGENT_DRAINING', 'GW_ERR_AGENT_SHUTDOWN', 'GW_ERR_AGENT_QUEUE_FULL']);

/** Hook runs with a turn in flight in this process, across generations (no double turns on reload). */
const inFlight = new Set<string>();

type Ctx = PluginContext<HooksConfigT>;

/**
 * Runs each stored hook once its turn comes: the agent turn (idempotency key `hook:<id>`), then
 * its reply through the durable outbound queue (same key) and the row marked done, in one
 * commit. A row whose turn did not finish (crash, restart) is still `pending` and runs again.
 */
export class HookDispatcher {
  private scheduled = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly store: HookStore,
  ) {}

  start(): void {
    this.ctx.lease.interval('hooks pump', PUMP_INTERVAL_MS, () => this.pump());
    this.ctx.lease.interval('hooks prune', 3_600_000, () => this.store.prune());
    this.kick();
  }

  /** Pump soon (many kicks in one tick make one pump). */
  kick(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (!this.ctx.lease.active) return;
    if (!this.ctx.services.get('agent')) return; // the agent plugin is (re)loading: the rows wait
    try {
      for (const row of this.store.pending(Date.now(), MAX_IN_FLIGHT)) {
        if (inFlight.has(row.id) || inFlight.size >= MAX_IN_FLIGHT) continue;
        inFlight.add(row.id);
        void this.ctx.lease.track(this.run(row)).finally(() => {
          inFlight.delete(row.id);
          this.kick();
        });
      }
    } catch (err) {
      this.ctx.logger.error({ err }, 'hooks pump failed');
    }
  }

  private async run(row: HookRow): Promise<void> {
    const hook = JSON.parse(row.payload) as HookRun;
    const agent = this.ctx.services.get('agent');
    if (!agent) return;
    try {
      const { done } = agent.submit({
        sessionKey: hook.sessionKey,
        message: hook.message,
        idempotencyKey: `hook:${row.id}`,
        ...(hook.agentId ? { agentId: hook.agentId } : {}),
        ...(hook.model ? { model: hook.model } : {}),
        ...(hook.thinking ? { thinking: hook.thinking } : {}),
        ...(hook.timeoutSeconds ? { timeoutMs: Math.round(hook.timeoutSeconds * 1000) } : {}),
      });
      const result = await done;
      if (!this.ctx.lease.active) return;
      if (result.error && AGENT_BUSY.has(result.error.code)) {
        this.store.postpone(row.id, result.error.message, Date.now() + BUSY_RETRY_MS);
        return;
      }
      if (result.status !== 'ok') throw new Error(result.error?.message ?? `the agent run ended "${result.status}"`);
      this.finish(row.id, hook, result.text, result.sessionKey ?? hook.sessionKey);
    } catch (err) {
      if (!this.ctx.lease.active) return;
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && AGENT_BUSY.has(code)) {
        this.store.postpone(row.id, (err as Error).message, Date.now() + BUSY_RETRY_MS);
        return;
      }
      const attempts = row.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS;
      this.store.markRetry(row.id, (err as Error).message, Date.now() + hookRetryDelayMs(attempts), giveUp);
      this.ctx.logger.warn({ err, hookId: row.id, name: hook.name, attempts, giveUp }, 'hook run failed');
    }
  }

  /** Deliver the reply (or leave it for the main session) and mark the row done: one commit. */
  private finish(id: string, hook: HookRun, text: string, sessionKey: string): void {
    const heartbeat = this.ctx.services.get('heartbeat');
    let note: string | undefined;
    this.ctx.store.db.transaction(() => {
      if (hook.deliver && text.trim()) note = this.deliver(id, hook, text, sessionKey);
      if ((!hook.deliver || note) && text.trim() && heartbeat) {
        // Not delivered: the result waits for the main session as a system line.
        heartbeat.wake({
          text: `Hook "${hook.name}": ${text.trim().slice(0, SUMMARY_CHARS)}`,
          mode: hook.wakeMode,
          ...(hook.agentId ? { agentId: hook.agentId } : {}),
          source: `hook:${hook.name}`,
        });
      }
      this.store.markDone(id, note);
    })();
    if (note) this.ctx.logger.warn({ hookId: id, name: hook.name, reason: note }, 'hook reply not delivered');
    else this.ctx.logger.info({ hookId: id, name: hook.name }, 'hook run finished');
  }

  /** Enqueue the reply; a reason when it cannot go anywhere. */
  private deliver(id: string, hook: HookRun, text: string, sessionKey: string): string | undefined {
    const outbound = this.ctx.services.get('outbound');
    if (!outbound) return 'the delivery plugin (service "outbound") is not loaded';
    const last = this.ctx.services.get('heartbeat')?.lastRoute(hook.agentId);
    let route = hook.channel === 'last' ? last : undefined;
    if (hook.channel === 'last' && route && hook.to) route = { ...route, to: hook.to };
    if (hook.channel !== 'last') {
      const to = hook.to ?? (last?.channel === hook.channel ? last.to : undefined);
      route = to ? { channel: hook.channel, to } : undefined;
    }
    if (!route) return hook.channel === 'last' ? 'no last channel yet' : `no "to" for channel "${hook.channel}"`;
    if (!this.ctx.channels.get(route.channel)) return `channel "${route.channel}" is not loaded`;
    outbound.enqueue({
      channel: route.channel,
      to: route.to,
      text,
      sessionKey,
      idempotencyKey: `hook:${id}`,
      ...(route.accountId ? { accountId: route.accountId } : {}),
      ...(route.threadId ? { threadId: route.threadId } : {}),
    });
    return undefined;
  }
}
