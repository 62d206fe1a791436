import type { DeliveryRoute, HeartbeatService, OutboundService, PluginContext, WakeMode } from '../../../sdk/index.js';
import type { AgentRuntime } from '../agent-runtime.js';
import type { AgentPluginConfigT } from '../config-schema.js';
import { findAgent } from '../run-executor.js';
import { mainSessionKey } from '../session-keys.js';
import { expandHome } from '../system-prompt.js';
import { withinActiveHours } from './active-hours.js';
import type { HeartbeatConfigT } from './heartbeat-config.js';
import { periodMs } from './heartbeat-period.js';
import { heartbeatMessage, isEffectivelyEmpty, readHeartbeatFile } from './heartbeat-prompt.js';
import { readHeartbeatReply } from './heartbeat-reply.js';
import type { HeartbeatStore } from './heartbeat-store.js';

/** What started a heartbeat: its period, or a wake (`wake` method, a cron job, a webhook). */
export type HeartbeatTrigger = 'interval' | 'wake' | 'cron' | 'hook';

/** The `heartbeat` event and `last-heartbeat` answer (Moltbot's shape, plus agentId/trigger/runId). */
export interface HeartbeatEvent {
  ts: number;
  status: 'sent' | 'ok-empty' | 'ok-token' | 'skipped' | 'failed';
  agentId: string;
  trigger: HeartbeatTrigger;
  /** Why it was skipped or failed. */
  reason?: string;
  /** The start of what was (or would have been) delivered. */
  preview?: string;
  durationMs?: number;
  channel?: string;
  to?: string;
  accountId?: string;
  runId?: string;
  /** An acknowledgement that was not delivered. */
  silent?: boolean;
  indicatorType?: 'ok' | 'alert' | 'error';
}

type Ctx = PluginContext<AgentPluginConfigT>;

/** setTimeout's longest delay; longer periods re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A wake that finds the main session busy tries again this soon. */
const BUSY_RETRY_MS = 1000;
const PREVIEW_CHARS = 200;
const OPERATORS = { filter: (caller: { role: string }) => caller.role === 'operator' };

/** The last heartbeat of this process, kept across reloads of the agent plugin. */
let lastEvent: HeartbeatEvent | null = null;
/**
 * `set-heartbeats {enabled:false}` (`moltbot system heartbeat disable`): every heartbeat is skipped
 * until it is switched back on. Like Moltbot's, it holds for this process (across reloads of the
 * agent plugin) and not past a restart: the config's `heartbeat.every` stays the lasting switch.
 */
let switchedOff = false;

/**
 * The heartbeat of the default agent's main session: every `agents.defaults.heartbeat.every`
 * (inside `activeHours`), or at once on a wake with mode `now`. It runs one turn with the
 * heartbeat prompt and HEARTBEAT.md; the system lines waiting for the session ride along (the
 * runtime's run hooks put them in front). A reply that is only HEARTBEAT_OK is not delivered;
 * anything else goes to the last channel the user talked on. Provided as service `heartbeat`.
 */
export class HeartbeatRunner implements HeartbeatService {
  private timer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private running = false;
  private stopped = false;
  /** Wakes that came while a heartbeat ran: agent id → trigger. */
  private readonly wanted = new Map<string, HeartbeatTrigger>();

  constructor(
    private readonly ctx: Ctx,
    private readonly runtime: AgentRuntime,
    private readonly store: HeartbeatStore,
  ) {
    ctx.lease.defer('heartbeat timers', () => this.stop());
  }

  static last(): HeartbeatEvent | null {
    return lastEvent;
  }

  static get switchedOff(): boolean {
    return switchedOff;
  }

  static switch(enabled: boolean): void {
    switchedOff = !enabled;
  }

  private get config(): HeartbeatConfigT | undefined {
    return this.ctx.config.agents.defaults.heartbeat;
  }

  /** The period in ms (0: no periodic heartbeat). */
  get periodMs(): number {
    return periodMs(this.config?.every);
  }

  start(): void {
    this.schedule();
    if (this.periodMs)
      this.ctx.logger.info({ everyMs: this.periodMs, activeHours: this.config?.activeHours }, 'heartbeat on');
  }

  /** Draining or retired: no new heartbeat starts. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
  }

  wake(request: { text: string; mode: WakeMode; agentId?: string; source?: string }): { ok: true } {
    const agentId = this.runtime.resolveAgentId(request.agentId);
    this.store.addLine(this.mainKey(agentId), request.text, request.source);
    if (request.mode === 'now') this.request(agentId, triggerOf(request.source));
    return { ok: true };
  }

  lastRoute(agentId?: string): DeliveryRoute | undefined {
    const id = agentId ?? this.runtime.defaultAgentId();
    return this.store.lastRoute(this.mainKey(id), id);
  }

  private mainKey(agentId: string): string {
    return mainSessionKey(agentId, this.runtime.mainKey);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const every = this.periodMs;
    if (this.stopped || !this.ctx.lease.active || every === 0) return;
    this.timer = setTimeout(
      () => this.request(this.runtime.defaultAgentId(), 'interval'),
      Math.min(every, MAX_TIMER_MS),
    );
  }

  /** Run a heartbeat now, or right after the one in progress. */
  private request(agentId: string, trigger: HeartbeatTrigger): void {
    if (this.stopped) return;
    if (this.running) {
      // A wake outranks the period: never downgrade a waiting wake to an interval beat.
      if (!(trigger === 'interval' && this.wanted.has(agentId))) this.wanted.set(agentId, trigger);
      return;
    }
    this.running = true;
    void this.ctx.lease
      .track(this.beat(agentId, trigger))
      .then(
        (event) => this.record(event),
        (err) => this.ctx.logger.error({ err }, 'heartbeat failed unexpectedly'),
      )
      .finally(() => {
        this.running = false;
        if (trigger === 'interval') this.schedule();
        const next = this.wanted.entries().next().value;
        if (next) {
          this.wanted.delete(next[0]);
          this.request(next[0], next[1]);
        }
      });
  }

  private async beat(agentId: string, trigger: HeartbeatTrigger): Promise<HeartbeatEvent> {
    const started = Date.now();
    const base = { ts: started, agentId, trigger };
    const cfg = this.config;
    const sessionKey = this.mainKey(agentId);
    // A wake's lines stay queued for the session's next turn.
    if (switchedOff) return { ...base, status: 'skipped', reason: 'disabled' };
    if (trigger === 'interval' && !withinActiveHours(started, cfg?.activeHours))
      return { ...base, status: 'skipped', reason: 'quiet-hours' };
    const lane = this.runtime.laneState(sessionKey);
    if (lane.running || lane.waiting > 0) {
      // The user is talking right now. A wake's lines ride with the next turn of the session;
      // if that turn has not taken them yet, try again shortly.
      if (trigger !== 'interval') {
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => {
          if (this.store.pendingCount(sessionKey) > 0) this.request(agentId, trigger);
        }, BUSY_RETRY_MS);
      }
      return { ...base, status: 'skipped', reason: 'requests-in-flight' };
    }
    const file = readHeartbeatFile(this.workspaceOf(agentId));
    if (
      trigger === 'interval' &&
      file !== undefined &&
      isEffectivelyEmpty(file) &&
      this.store.pendingCount(sessionKey) === 0
    )
      return { ...base, status: 'skipped', reason: 'empty-heartbeat-file' };

    let outcome: Awaited<ReturnType<AgentRuntime['submit']>['done']>;
    let runId: string | undefined;
    try {
      const submitted = this.runtime.submit({
        agentId,
        sessionKey,
        message: heartbeatMessage(cfg?.prompt, file),
        ...(cfg?.model ? { model: cfg.model } : {}),
      });
      runId = submitted.runId;
      outcome = await submitted.done;
    } catch (err) {
      return { ...base, status: 'failed', reason: (err as Error).message, indicatorType: 'error' };
    }
    const durationMs = Date.now() - started;
    if (outcome.status !== 'ok')
      return {
        ...base,
        runId,
        durationMs,
        status: 'failed',
        reason: outcome.error?.message ?? outcome.status,
        indicatorType: 'error',
      };
    const reply = readHeartbeatReply(outcome.text, cfg?.ackMaxChars ?? 300);
    if (reply.kind !== 'alert')
      return { ...base, runId, durationMs, status: reply.kind, silent: true, indicatorType: 'ok' };
    const preview = reply.text.slice(0, PREVIEW_CHARS);
    const route = this.targetOf(agentId);
    if (!route) return { ...base, runId, durationMs, status: 'skipped', reason: 'no-target', preview };
    const outbound = this.ctx.services.get('outbound') as OutboundService | undefined;
    if (!outbound || !this.ctx.channels.get(route.channel))
      return {
        ...base,
        runId,
        durationMs,
        status: 'failed',
        reason: `channel "${route.channel}" is not loaded`,
        preview,
        indicatorType: 'error',
      };
    outbound.enqueue({
      channel: route.channel,
      to: route.to,
      text: reply.text,
      sessionKey,
      idempotencyKey: `heartbeat:${runId}`,
      ...(route.accountId ? { accountId: route.accountId } : {}),
      ...(route.threadId ? { threadId: route.threadId } : {}),
    });
    return {
      ...base,
      runId,
      durationMs,
      status: 'sent',
      preview,
      channel: route.channel,
      to: route.to,
      ...(route.accountId ? { accountId: route.accountId } : {}),
      indicatorType: 'alert',
    };
  }

  /** `target`: "last" (default), "none", or a channel id (with `to`, or that channel's last chat). */
  private targetOf(agentId: string): DeliveryRoute | undefined {
    const cfg = this.config;
    const target = cfg?.target ?? 'last';
    if (target === 'none') return undefined;
    const last = this.lastRoute(agentId);
    if (target === 'last') return last;
    if (cfg?.to) return { channel: target, to: cfg.to, ...(cfg.accountId ? { accountId: cfg.accountId } : {}) };
    return last?.channel === target ? last : undefined;
  }

  private workspaceOf(agentId: string): string {
    const { agent } = findAgent(this.ctx.config, agentId);
    return expandHome(agent?.workspace ?? this.ctx.config.agents.defaults.workspace ?? this.ctx.paths.workspaceDir);
  }

  private record(event: HeartbeatEvent): void {
    lastEvent = event;
    this.ctx.events.emit('heartbeat', event, OPERATORS);
    const log = { ...event, preview: undefined };
    if (event.status === 'failed') this.ctx.logger.warn(log, 'heartbeat failed');
    else if (event.status === 'sent') this.ctx.logger.info(log, 'heartbeat delivered');
    else this.ctx.logger.debug(log, 'heartbeat');
  }
}

/** `cron:<jobId>` → cron, `hook:<name>` → hook, anything else → wake. */
function triggerOf(source: string | undefined): HeartbeatTrigger {
  const kind = source?.split(':')[0];
  return kind === 'cron' || kind === 'hook' ? kind : 'wake';
}
