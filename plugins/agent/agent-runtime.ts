import crypto from 'node:crypto';
import {
  type AgentRunOrigin,
  type AgentService,
  type AgentSessionInfo,
  type AgentSubmitRequest,
  type OutboundService,
  type PluginContext,
  PluginError,
  type SessionsService,
} from '../../sdk/index.js';
import { AssistantCoalescer } from './assistant-coalescer.js';
import { compactSession } from './compaction.js';
import type { AgentPluginConfigT } from './config-schema.js';
import { estimateTokens } from './context-window.js';
import { agentError } from './errors.js';
import { mentionMatcher } from './group-chat/mention-patterns.js';
import type { RunHooks } from './heartbeat/run-hooks.js';
import { checkImage } from './image-input.js';
import { takesImages } from './provider/model-client.js';
import { resolveModelChain } from './provider/model-ref.js';
import { ProviderHealth } from './provider/provider-health.js';
import { type ExecutorDeps, executeTurn, findAgent, pendingToolCalls } from './run-executor.js';
import { type CompactionStats, type Run, type RunOutcome, RunStop } from './run-types.js';
import { agentOfKey, mainSessionKey, normalizeSessionKey, sessionKeyForOrigin } from './session-keys.js';
import { SessionLanes } from './session-lanes.js';
import type { SessionStore, TranscriptEntry } from './session-store.js';
import { toolCallSummary } from './tool-call-summary.js';
import { invokeToolOutside } from './tools/invoke-tool.js';
import { transcriptToMessages } from './transcript-messages.js';

const RECENT_RUNS = 1000;
/** Run events (message text) go to operator connections only, not to capability nodes. */
const OPERATORS = { filter: (caller: { role: string }) => caller.role === 'operator' };
const IDEMPOTENCY_TTL_MS = 10 * 60_000;

/** Run ids that are live in any generation (a reload must not mark them interrupted). */
const liveRunIds = new Set<string>();

type Ctx = PluginContext<AgentPluginConfigT>;

/**
 * The agent runtime: accepts messages, queues them per session, runs turns, streams events,
 * remembers outcomes (for `agent.wait` and idempotent retries). Provided as services `agent`
 * and `sessions`.
 */
export class AgentRuntime implements AgentService, SessionsService {
  private readonly lanes: SessionLanes;
  /** How each model provider's last call ended (shown in `status`). */
  readonly providerHealth = new ProviderHealth();
  private readonly runs = new Map<string, Run>();
  private readonly outcomes = new Map<string, RunOutcome>();
  private readonly idempotent = new Map<string, { runId: string; done: Promise<RunOutcome>; at: number }>();
  private readonly assistantStream = new AssistantCoalescer<Run>((run, data) => this.broadcastAssistant(run, data));
  private draining = false;
  private readonly mentionMatchers = new Map<string, (text: string) => boolean>();

  constructor(
    private readonly ctx: Ctx,
    readonly store: SessionStore,
    private readonly hooks?: RunHooks,
  ) {
    this.lanes = new SessionLanes({
      mode: () => ctx.config.messages.queue.mode,
      cap: () => ctx.config.messages.queue.cap,
      execute: (run) => this.execute(run),
      cancel: (run, stop) =>
        this.finish(run, {
          status: stop.kind === 'timeout' ? 'timeout' : 'aborted',
          text: '',
          error: abortedInfo(stop),
        }),
    });
    const interrupted = store.markInterruptedRuns(liveRunIds);
    if (interrupted)
      ctx.logger.warn({ runs: interrupted }, 'runs left unfinished by the previous process were marked as errors');
    hooks?.recover(liveRunIds);
  }

  get config(): AgentPluginConfigT {
    return this.ctx.config;
  }

  get mainKey(): string {
    return this.config.session.mainKey;
  }

  defaultAgentId(): string {
    const list = this.config.agents.list;
    return list.find((a) => a.default)?.id ?? list[0]?.id ?? 'main';
  }

  deleteSession(sessionKey: string): boolean {
    const agentId = agentOfKey(sessionKey) ?? this.defaultAgentId();
    if (sessionKey === mainSessionKey(agentId, this.mainKey)) return false;
    this.abortSession(sessionKey, new RunStop('abort', 'the session was deleted'));
    return this.store.delete(sessionKey);
  }

  agents(): Array<{ id: string; name?: string; default: boolean }> {
    const def = this.defaultAgentId();
    const list = this.config.agents.list.map((a) => ({ id: a.id, name: a.name, default: a.id === def }));
    if (!list.some((a) => a.id === def)) list.unshift({ id: def, name: undefined, default: true });
    return list;
  }

  /** The agent id to use, or GW_ERR_AGENT_UNKNOWN naming the known ones. */
  resolveAgentId(agentId: string | undefined): string {
    if (!agentId) return this.defaultAgentId();
    if (this.agents().some((a) => a.id === agentId)) return agentId;
    throw agentError(
      'GW_ERR_AGENT_UNKNOWN',
      `unknown agent "${agentId}": configured agents are ${this.agents()
        .map((a) => a.id)
        .join(', ')} (agents.list[].id)`,
    );
  }

  /** Fail fast (before a run is accepted) when no model could be called, or not with images. */
  preflight(agentId: string, sessionKey?: string, model?: string, withImages = false): void {
    const { agent, index } = findAgent(this.config, agentId);
    const override = model ?? (sessionKey ? this.store.get(sessionKey)?.model : undefined);
    const chain = resolveModelChain(this.config, agent, index, override);
    const primary = chain[0]!;
    if (withImages && !takesImages(primary))
      throw agentError(
        'GW_ERR_AGENT_IMAGE_UNSUPPORTED',
        `${primary.ref} takes no images (models.providers.${primary.providerName}.models[id=${primary.model.id}]` +
          '.input lacks "image"): send text only, or choose a vision model',
      );
  }

  /**
   * Check a request's own input before it is accepted: its images, and that its tool results
   * answer the client tool calls the session (or its supplied history) is waiting for.
   */
  private checkInput(request: AgentSubmitRequest, sessionKey: string): AgentSubmitRequest {
    const images = request.images?.map((img, i) => checkImage(img, `images[${i}]`));
    const history = request.history?.map((t, i) =>
      t.role === 'user' && t.images?.length
        ? { ...t, images: t.images.map((img, j) => checkImage(img, `history[${i}].images[${j}]`)) }
        : t,
    );
    if (request.toolResults?.length) {
      const stored = this.store.transcript(sessionKey, 200);
      const entries: Array<Pick<TranscriptEntry, 'id' | 'role' | 'toolCalls' | 'toolCallId'>> = stored.length
        ? stored
        : (history ?? []).map((t, id) => ({
            id,
            role: t.role,
            toolCalls: t.role === 'assistant' ? t.toolCalls : undefined,
            toolCallId: t.role === 'tool' ? t.toolCallId : undefined,
          }));
      const pending = pendingToolCalls(entries as TranscriptEntry[]).calls.map((c) => c.id);
      for (const r of request.toolResults)
        if (!pending.includes(r.toolCallId))
          throw agentError(
            'GW_ERR_AGENT_TOOL_RESULT_INVALID',
            `tool result for "${r.toolCallId}" answers no pending tool call of this conversation` +
              (pending.length ? ` (waiting for: ${pending.join(', ')})` : ' (none is waiting)'),
          );
    }
    if (!request.message.trim() && !images?.length && !request.toolResults?.length)
      throw agentError('GW_ERR_AGENT_SESSION_INVALID', 'nothing to answer: send a message, an image or tool results');
    return { ...request, images, history };
  }

  sessionKeyFor(origin: AgentRunOrigin, agentId?: string): string {
    return sessionKeyForOrigin(origin, agentId ?? this.defaultAgentId(), this.mainKey, this.config.session.dmScope);
  }

  normalizeKey(raw: string | undefined, agentId: string): string {
    return normalizeSessionKey(raw, agentId, this.mainKey);
  }

  queueDepth(): number {
    return this.lanes.depth();
  }

  count(): number {
    return this.store.count();
  }

  laneState(sessionKey: string): { running?: string; waiting: number } {
    return this.lanes.state(sessionKey);
  }

  submit(request: AgentSubmitRequest): { runId: string; done: Promise<RunOutcome> } {
    this.pruneIdempotency();
    if (request.idempotencyKey) {
      const seen = this.idempotent.get(request.idempotencyKey);
      if (seen) return { runId: seen.runId, done: seen.done };
    }
    // A key like `agent:work:…` names its agent when the request does not.
    const agentId = this.resolveAgentId(request.agentId ?? agentOfKey(request.sessionKey ?? ''));
    const sessionKey = this.normalizeKey(request.sessionKey, agentId);
    // No provider / bad model ref: refuse now, before a run exists (HTTP answers 503, not a stream).
    request = this.checkInput(request, sessionKey);
    const withImages = Boolean(
      request.images?.length || request.history?.some((t) => t.role === 'user' && t.images?.length),
    );
    this.preflight(agentId, sessionKey, request.model, withImages);
    let resolve!: (o: RunOutcome) => void;
    const done = new Promise<RunOutcome>((r) => (resolve = r));
    const runId = request.runId ?? crypto.randomUUID();
    if (this.runs.has(runId) || liveRunIds.has(runId))
      throw agentError(
        'GW_ERR_AGENT_RUN_ID_IN_USE',
        `run ${runId} is still queued or running: send a new idempotencyKey for a new message`,
      );
    // A key reused after the dedupe window names a new run; the old outcome is history.
    this.outcomes.delete(runId);
    const run: Run = {
      runId,
      sessionKey,
      agentId,
      message: request.message,
      request,
      timeoutMs: request.timeoutMs ?? this.config.agents.defaults.timeoutSeconds * 1000,
      controller: new AbortController(),
      createdAt: Date.now(),
      seq: 0,
      merged: [],
      done,
      resolve,
    };
    if (this.draining) {
      const failure = agentError('GW_ERR_AGENT_DRAINING', 'the agent is restarting; retry shortly', {
        retryable: true,
        retryAfterMs: 1000,
      });
      this.finish(run, { status: 'error', text: '', error: errorInfo(failure) }, failure);
      return { runId: run.runId, done };
    }
    this.runs.set(run.runId, run);
    liveRunIds.add(run.runId);
    this.store.saveRun({ runId: run.runId, sessionKey, agentId, status: 'queued' });
    if (request.signal) {
      const onAbort = () => this.abort(run.runId, new RunStop('abort', 'the client went away'));
      if (request.signal.aborted) queueMicrotask(onAbort);
      else request.signal.addEventListener('abort', onAbort, { once: true });
    }
    if (request.idempotencyKey) this.idempotent.set(request.idempotencyKey, { runId: run.runId, done, at: Date.now() });
    try {
      this.lanes.enqueue(run);
    } catch (err) {
      this.runs.delete(run.runId);
      liveRunIds.delete(run.runId);
      if (request.idempotencyKey) this.idempotent.delete(request.idempotencyKey);
      this.store.saveRun({
        runId: run.runId,
        sessionKey,
        agentId,
        status: 'error',
        endedAt: Date.now(),
        error: { code: (err as PluginError).code, message: (err as Error).message },
      });
      throw err;
    }
    this.hooks?.submitted({ sessionKey, agentId, origin: request.origin });
    // Draining waits for everything accepted, queued runs included.
    void this.ctx.lease.track(done);
    return { runId: run.runId, done };
  }

  abort(runId: string, stop: RunStop = new RunStop('abort', 'aborted by request')): boolean {
    return this.lanes.abort(runId, stop);
  }

  abortSession(sessionKey: string, stop: RunStop = new RunStop('abort', 'aborted by request')): string[] {
    return this.lanes.abortSession(sessionKey, stop);
  }

  /**
   * `/compact`: summarise the session's transcript with its model, in the session's lane (after
   * the turn that is running, before the messages that arrive later). The old transcript is kept.
   */
  compact(sessionKey: string, instructions = ''): Promise<RunOutcome & { compaction?: CompactionStats }> {
    const agentId = this.resolveAgentId(agentOfKey(sessionKey));
    this.preflight(agentId, sessionKey);
    let resolve!: (o: RunOutcome) => void;
    const done = new Promise<RunOutcome>((r) => (resolve = r));
    const run: Run = {
      runId: crypto.randomUUID(),
      sessionKey,
      agentId,
      message: '',
      request: { sessionKey, message: '' },
      timeoutMs: this.config.agents.defaults.timeoutSeconds * 1000,
      controller: new AbortController(),
      createdAt: Date.now(),
      seq: 0,
      merged: [],
      done,
      resolve,
      compaction: { instructions },
    };
    this.runs.set(run.runId, run);
    liveRunIds.add(run.runId);
    this.store.saveRun({ runId: run.runId, sessionKey, agentId, status: 'queued' });
    try {
      this.lanes.enqueue(run);
    } catch (err) {
      this.runs.delete(run.runId);
      liveRunIds.delete(run.runId);
      this.store.saveRun({ runId: run.runId, sessionKey, agentId, status: 'error', endedAt: Date.now() });
      throw err;
    }
    void this.ctx.lease.track(done);
    return done.then((outcome) => ({ ...outcome, compaction: run.compaction?.result }));
  }

  /** `/new`, `/reset`: stop what runs on the session, then a fresh transcript (the old one is kept). */
  resetSession(sessionKey: string): { stopped: number } {
    const stopped = this.abortSession(sessionKey, new RunStop('abort', 'the session was reset'));
    this.store.reset(sessionKey);
    return { stopped: stopped.length };
  }

  /** The model a session's next turn uses and where that choice comes from. */
  sessionModel(sessionKey: string): { ref: string; source: AgentSessionInfo['modelSource']; reasoning: boolean } {
    const agentId = this.resolveAgentId(agentOfKey(sessionKey));
    const { agent, index } = findAgent(this.config, agentId);
    const override = this.store.get(sessionKey)?.model;
    const primary = resolveModelChain(this.config, agent, index, override)[0]!;
    return {
      ref: primary.ref,
      source: override ? 'session' : agent?.model ? 'agent' : 'default',
      reasoning: primary.model.reasoning === true,
    };
  }

  sessionInfo(sessionKey: string): AgentSessionInfo {
    const agentId = this.resolveAgentId(agentOfKey(sessionKey));
    const session = this.store.get(sessionKey);
    let model: string;
    let modelSource: AgentSessionInfo['modelSource'] = 'default';
    let contextWindow: number | undefined;
    try {
      const chosen = this.sessionModel(sessionKey);
      model = chosen.ref;
      modelSource = chosen.source;
      const { agent, index } = findAgent(this.config, agentId);
      const window = Math.min(
        resolveModelChain(this.config, agent, index, session?.model)[0]!.model.contextWindow ?? Infinity,
        this.config.agents.defaults.contextTokens ?? Infinity,
      );
      if (Number.isFinite(window)) contextWindow = window;
    } catch (err) {
      model = `none (${(err as Error).message})`;
    }
    const entries = session ? this.store.transcript(sessionKey) : [];
    const { messages } = transcriptToMessages(entries, -1);
    const lane = this.lanes.state(sessionKey);
    return {
      sessionKey,
      ...(session ? { sessionId: session.sessionId } : {}),
      agentId,
      model,
      modelSource,
      thinking: session?.thinkingLevel ?? this.config.agents.defaults.thinkingDefault ?? 'off',
      verbose: session?.verbose ?? false,
      messages: entries.length,
      contextTokens: messages.reduce((n, m) => n + estimateTokens(m) + 4, 0),
      ...(contextWindow ? { contextWindow } : {}),
      running: lane.running !== undefined,
      queued: lane.waiting,
      compactions: session?.compactions ?? 0,
    };
  }

  groupChat(agentId?: string): { mentioned(text: string): boolean; historyLimit?: number } {
    const id = agentId ?? this.defaultAgentId();
    const own = this.config.agents.list.find((a) => a.id === id)?.groupChat;
    const global = this.config.messages.groupChat;
    const patterns = own?.mentionPatterns ?? global?.mentionPatterns ?? [];
    let matcher = this.mentionMatchers.get(id);
    if (!matcher) {
      matcher = mentionMatcher(patterns, () =>
        this.ctx.logger.warn({ agentId: id }, 'a mention pattern ran out of time on a message; treated as no mention'),
      );
      this.mentionMatchers.set(id, matcher);
    }
    const historyLimit = own?.historyLimit ?? global?.historyLimit;
    return { mentioned: matcher, ...(historyLimit !== undefined ? { historyLimit } : {}) };
  }

  /** A run's outcome: live, remembered, or from the store. */
  async wait(
    runId: string,
    timeoutMs: number,
  ): Promise<RunOutcome | { runId: string; status: 'timeout' | 'queued' | 'running' } | undefined> {
    const live = this.runs.get(runId);
    if (live) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
      const result = await Promise.race([live.done, timeout]);
      clearTimeout(timer);
      return result === 'timeout' ? { runId, status: 'timeout' } : result;
    }
    const known = this.outcomes.get(runId);
    if (known) return known;
    const rec = this.store.run(runId);
    if (!rec) return undefined;
    if (rec.status === 'queued' || rec.status === 'running') return { runId, status: rec.status };
    return {
      runId,
      sessionKey: rec.sessionKey,
      status: rec.status,
      text: rec.text ?? '',
      error: rec.error,
      startedAt: rec.startedAt,
      endedAt: rec.endedAt ?? Date.now(),
    };
  }

  invokeTool(request: Parameters<NonNullable<AgentService['invokeTool']>>[0]): Promise<unknown> {
    return invokeToolOutside(this, this.ctx, request);
  }

  /** Stop taking runs and let the accepted ones finish (the kernel bounds the wait). */
  drain(): void {
    this.draining = true;
  }

  /** The lease ended: whatever still runs is stopped. */
  shutdown(): void {
    for (const run of [...this.runs.values()])
      this.abort(run.runId, new RunStop('shutdown', 'the agent plugin was unloaded'));
  }

  private emitEvent(run: Run, stream: 'assistant' | 'tool' | 'lifecycle', data: Record<string, unknown>): void {
    if (stream === 'assistant') {
      // In-process listeners (the HTTP APIs' streams) get every delta at once; the wire gets them coalesced.
      this.notify(run, {
        runId: run.runId,
        sessionKey: run.sessionKey,
        seq: run.seq + 1,
        stream,
        ts: Date.now(),
        data,
      });
      this.assistantStream.push(run, String(data.delta ?? ''), String(data.text ?? ''));
      return;
    }
    this.assistantStream.flush(run);
    if (stream === 'tool' && data.phase === 'call' && run.verbose) this.summariseToolCall(run, data);
    const payload = { runId: run.runId, sessionKey: run.sessionKey, seq: ++run.seq, stream, ts: Date.now(), data };
    this.ctx.events.emit('agent', payload, OPERATORS);
    this.notify(run, payload);
  }

  /**
   * `/verbose on`: the chat the run serves sees each tool call as one line, through the durable
   * queue (so it arrives before the answer, which is enqueued after the run ends).
   */
  private summariseToolCall(run: Run, data: Record<string, unknown>): void {
    const origin = run.request.origin;
    const outbound = this.ctx.services.get('outbound') as OutboundService | undefined;
    if (!origin || !outbound) return;
    try {
      outbound.enqueue({
        channel: origin.channel,
        accountId: origin.accountId,
        to: origin.chatId,
        text: toolCallSummary(String(data.name ?? 'tool'), String(data.arguments ?? '')),
        sessionKey: run.sessionKey,
        idempotencyKey: `verbose:${run.runId}:${String(data.toolCallId ?? run.seq)}`,
        ...(origin.threadId ? { threadId: origin.threadId } : {}),
      });
    } catch (err) {
      this.ctx.logger.warn({ err, runId: run.runId }, 'could not send a tool call summary');
    }
  }

  /** One coalesced assistant broadcast: an `agent` event and the matching `chat` delta. */
  private broadcastAssistant(run: Run, data: { delta: string; text: string }): void {
    const seq = ++run.seq;
    this.ctx.events.emit(
      'agent',
      { runId: run.runId, sessionKey: run.sessionKey, seq, stream: 'assistant', ts: Date.now(), data },
      OPERATORS,
    );
    this.ctx.events.emit(
      'chat',
      {
        runId: run.runId,
        sessionKey: run.sessionKey,
        seq,
        state: 'delta',
        message: { role: 'assistant', content: [{ type: 'text', text: data.text }], timestamp: Date.now() },
      },
      OPERATORS,
    );
  }

  private notify(run: Run, payload: Parameters<NonNullable<Run['request']['onEvent']>>[0]): void {
    try {
      run.request.onEvent?.(payload);
    } catch (err) {
      this.ctx.logger.warn({ err, runId: run.runId }, 'onEvent listener failed');
    }
  }

  /** The turn's message with the system lines waiting for its session (cron, hooks, `wake`) in front. */
  private composeMessage(run: Run): string {
    if (!this.hooks) return run.message;
    try {
      return this.hooks.compose(run);
    } catch (err) {
      this.ctx.logger.error({ err, runId: run.runId }, 'could not read the waiting system lines');
      return run.message;
    }
  }

  private async execute(run: Run): Promise<void> {
    if (run.controller.signal.aborted) {
      const stop = run.controller.signal.reason as RunStop;
      return this.finish(run, {
        status: stop?.kind === 'timeout' ? 'timeout' : 'aborted',
        text: '',
        error: abortedInfo(stop),
      });
    }
    run.startedAt = Date.now();
    // A summary run carries no message: the system lines wait for the next real turn.
    if (!run.compaction) run.message = this.composeMessage(run);
    run.verbose = this.store.get(run.sessionKey)?.verbose ?? false;
    this.store.saveRun({
      runId: run.runId,
      sessionKey: run.sessionKey,
      agentId: run.agentId,
      status: 'running',
      startedAt: run.startedAt,
    });
    const timer = setTimeout(
      () =>
        run.controller.abort(
          new RunStop(
            'timeout',
            `the run did not finish within ${Math.round(run.timeoutMs / 100) / 10} s (agents.defaults.timeoutSeconds ` +
              `or the request's timeout)`,
          ),
        ),
      run.timeoutMs,
    );
    this.emitEvent(run, 'lifecycle', { phase: 'start', startedAt: run.startedAt, agentId: run.agentId });
    const deps: ExecutorDeps = {
      config: this.config,
      store: this.store,
      tools: this.ctx.tools,
      logger: this.ctx.logger,
      env: process.env,
      providerHealth: this.providerHealth,
      workspaceDir: this.ctx.paths.workspaceDir,
      sandbox: () => this.ctx.services.get('sandbox'),
      transcriber: () => this.ctx.services.get('transcriber'),
      emit: (r, stream, data) => this.emitEvent(r, stream, data),
    };
    try {
      const result = run.compaction ? await this.executeCompaction(run, deps) : await executeTurn(run, deps);
      this.finish(run, {
        status: 'ok',
        text: result.text,
        usage: result.usage,
        model: result.model,
        clientToolCalls: result.clientToolCalls?.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments })),
        ...(result.workspaceDir ? { workspaceDir: result.workspaceDir } : {}),
      });
    } catch (err) {
      const reason = run.controller.signal.aborted ? run.controller.signal.reason : err;
      if (reason instanceof RunStop) {
        if (reason.kind === 'timeout') {
          const failure = agentError('GW_ERR_AGENT_TIMEOUT', `agent run ${run.runId} timed out: ${reason.message}`, {
            details: { runId: run.runId },
            retryable: true,
          });
          this.finish(run, { status: 'timeout', text: '', error: errorInfo(failure) }, failure);
        } else {
          this.finish(run, { status: 'aborted', text: '', error: abortedInfo(reason) });
        }
      } else {
        const failure =
          reason instanceof PluginError
            ? reason
            : agentError('GW_ERR_AGENT_PROVIDER_FAILED', `agent run failed: ${(reason as Error).message}`, {
                cause: reason,
              });
        if (!(reason instanceof PluginError))
          this.ctx.logger.error({ err: reason, runId: run.runId }, 'agent run failed unexpectedly');
        else this.ctx.logger.warn({ runId: run.runId, code: failure.code }, failure.message);
        this.finish(run, { status: 'error', text: '', error: errorInfo(failure) }, failure);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** Told once per finished run (metrics: runs by status and duration). */
  onRunFinished?: (status: string, seconds: number) => void;

  private async executeCompaction(run: Run, deps: ExecutorDeps): Promise<Awaited<ReturnType<typeof executeTurn>>> {
    const result = await compactSession(run, deps);
    run.compaction!.result = { before: result.before, after: result.after, model: result.model };
    return { text: result.text, usage: result.usage, model: result.model };
  }

  private finish(run: Run, result: Omit<RunOutcome, 'runId' | 'sessionKey' | 'endedAt'>, failure?: PluginError): void {
    if (this.outcomes.has(run.runId)) return;
    const outcome: RunOutcome = {
      ...result,
      runId: run.runId,
      sessionKey: run.sessionKey,
      startedAt: run.startedAt,
      endedAt: Date.now(),
      failure,
    };
    this.onRunFinished?.(outcome.status, (outcome.endedAt - (run.startedAt ?? outcome.endedAt)) / 1000);
    this.store.saveRun({
      runId: run.runId,
      sessionKey: run.sessionKey,
      agentId: run.agentId,
      status: outcome.status,
      startedAt: run.startedAt,
      endedAt: outcome.endedAt,
      text: outcome.text,
      error: outcome.error,
    });
    if (run.startedAt !== undefined) {
      this.emitEvent(run, 'lifecycle', {
        phase: outcome.status === 'ok' ? 'end' : 'error',
        status: outcome.status,
        endedAt: outcome.endedAt,
        ...(outcome.error ? { error: outcome.error } : {}),
        ...(outcome.usage ? { usage: outcome.usage } : {}),
      });
    }
    const chatState = outcome.status === 'ok' ? 'final' : outcome.status === 'aborted' ? 'aborted' : 'error';
    this.ctx.events.emit(
      'chat',
      {
        runId: run.runId,
        sessionKey: run.sessionKey,
        seq: ++run.seq,
        state: chatState,
        ...(outcome.status === 'ok'
          ? {
              message: {
                role: 'assistant',
                content: [{ type: 'text', text: outcome.text }],
                timestamp: outcome.endedAt,
              },
            }
          : {}),
        ...(outcome.error ? { errorMessage: outcome.error.message } : {}),
      },
      OPERATORS,
    );
    this.remember(outcome);
    this.runs.delete(run.runId);
    liveRunIds.delete(run.runId);
    this.hooks?.ended(run.runId);
    run.resolve(outcome);
    for (const m of run.merged) {
      const merged = { ...outcome, runId: m.runId };
      this.store.saveRun({
        runId: m.runId,
        sessionKey: m.sessionKey,
        agentId: m.agentId,
        status: outcome.status,
        startedAt: run.startedAt,
        endedAt: outcome.endedAt,
        text: outcome.text,
        error: outcome.error,
      });
      this.remember(merged);
      this.runs.delete(m.runId);
      liveRunIds.delete(m.runId);
      m.resolve(merged);
    }
  }

  private remember(outcome: RunOutcome): void {
    this.outcomes.set(outcome.runId, outcome);
    while (this.outcomes.size > RECENT_RUNS) this.outcomes.delete(this.outcomes.keys().next().value!);
  }

  private pruneIdempotency(): void {
    const cutoff = Date.now() - IDEMPOTENCY_TTL_MS;
    for (const [k, v] of this.idempotent) {
      if (v.at >= cutoff) break;
      this.idempotent.delete(k);
    }
  }
}

function errorInfo(e: PluginError): NonNullable<RunOutcome['error']> {
  return {
    code: e.code,
    message: e.message,
    wire: e.wire,
    status: e.status,
    ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
  };
}

function abortedInfo(stop: RunStop | undefined): NonNullable<RunOutcome['error']> {
  // A run stopped because the plugin is going away was not the user's choice: callers (the
  // channel dispatcher) may submit it again once the agent is back.
  if (stop?.kind === 'shutdown')
    return { code: 'GW_ERR_AGENT_SHUTDOWN', message: stop.message, wire: 'UNAVAILABLE', status: 503 };
  return { code: 'GW_ERR_AGENT_ABORTED', message: stop?.message ?? 'aborted', wire: 'UNAVAILABLE', status: 499 };
}
