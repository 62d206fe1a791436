import {
  type AgentTool,
  type PluginContext,
  type SandboxService,
  type ToolRegistrar,
  type TranscriberService,
  toolAllowedBy,
} from '../../sdk/index.js';
import type { AgentPluginConfigT } from './config-schema.js';
import { fitToContext } from './context-window.js';
import { agentError } from './errors.js';
import { attachmentInput } from './media/attachment-input.js';
import { imageLimitsFor } from './media/image-limits.js';
import { callModelChain, takesImages } from './provider/model-client.js';
import { resolveModelChain } from './provider/model-ref.js';
import type { ChatMessage, ImagePart, ToolCall, ToolSpec, Usage } from './provider/model-types.js';
import type { ProviderHealth } from './provider/provider-health.js';
import type { Run } from './run-types.js';
import type { SessionRow, SessionStore, TranscriptEntry } from './session-store.js';
import { buildSystemPrompt, expandHome } from './system-prompt.js';
import { sessionPolicyLayers, toolNameMatches } from './tool-policy.js';
import { executeTool, parseToolArgs, resultText } from './tools/tool-runner.js';
import { transcriptToMessages } from './transcript-messages.js';

const DEFAULT_MAX_TOKENS = 4096;
/** What the context budget reserves for one image (providers count images apart from text). */
const IMAGE_TOKENS = 1600;

export interface ExecutorDeps {
  config: AgentPluginConfigT;
  store: SessionStore;
  tools: ToolRegistrar;
  logger: PluginContext<unknown>['logger'];
  env: NodeJS.ProcessEnv;
  providerHealth?: ProviderHealth;
  workspaceDir: string;
  /** The sandbox plugin's service, when loaded (sandboxed sessions get its tool policy layer). */
  sandbox(): SandboxService | undefined;
  /** A speech-to-text service for audio attachments, when a plugin provides one. */
  transcriber?: () => TranscriberService | undefined;
  emit(run: Run, stream: 'assistant' | 'tool' | 'lifecycle', data: Record<string, unknown>): void;
}

export interface TurnResult {
  text: string;
  usage: Usage;
  model: string;
  clientToolCalls?: ToolCall[];
  /** Where the agent worked (its files: `MEDIA:` lines name them relative to it). */
  workspaceDir?: string;
}

export function findAgent(
  config: AgentPluginConfigT,
  agentId: string,
): { agent: AgentPluginConfigT['agents']['list'][number] | undefined; index: number } {
  const index = config.agents.list.findIndex((a) => a.id === agentId);
  return {
    agent: index >= 0 ? config.agents.list[index] : undefined,
    index: index >= 0 ? index : config.agents.list.length,
  };
}

/**
 * Tools a session may use (every policy layer applied: global, agent, the session's override,
 * the sandbox's when the session is sandboxed), in a stable order.
 */
export function allowedTools(
  deps: Pick<ExecutorDeps, 'config' | 'tools' | 'sandbox'>,
  agentId: string,
  session?: Pick<SessionRow, 'key' | 'toolsAllow' | 'toolsDeny'>,
): AgentTool[] {
  const { agent } = findAgent(deps.config, agentId);
  const layers = sessionPolicyLayers({
    global: deps.config.tools,
    agent: agent?.tools,
    session: session && { allow: session.toolsAllow, deny: session.toolsDeny },
    sandbox: session ? deps.sandbox()?.decide(agentId, session.key) : undefined,
  });
  return deps.tools
    .list()
    .filter((t) => toolAllowedBy(t.name, layers))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The tools offered in this run: the agent's (policy applied), and for a run from HTTP only the
 * dangerous ones its endpoint's `tools.allow` names.
 */
export function offeredTools(
  deps: Pick<ExecutorDeps, 'config' | 'tools' | 'sandbox'>,
  run: Pick<Run, 'agentId' | 'request'>,
  session?: Pick<SessionRow, 'key' | 'toolsAllow' | 'toolsDeny'>,
) {
  const tools = allowedTools(deps, run.agentId, session);
  const allowed = run.request.dangerousToolsAllowed;
  if (!allowed) return tools;
  return tools.filter((t) => !t.dangerous || allowed.some((p) => toolNameMatches(p, t.name)));
}

/**
 * Record what the run answers: the client's earlier turns when the session has none (a
 * stateless API's history), the results of the client tool calls it answers, then the new user
 * message. Returns the id of the first entry the model must see in full.
 */
function recordInput(run: Run, store: SessionStore, content: string): number {
  const { request } = run;
  const key = run.sessionKey;
  if (request.history?.length && store.transcript(key, 1).length === 0) {
    for (const t of request.history) {
      if (t.role === 'user') store.append(key, undefined, { role: 'user', content: t.text, images: t.images });
      else if (t.role === 'assistant')
        store.append(key, undefined, { role: 'assistant', content: t.text, toolCalls: t.toolCalls });
      else
        store.append(key, undefined, {
          role: 'tool',
          toolCallId: t.toolCallId,
          name: t.name ?? '',
          content: t.content,
          isError: t.isError,
        });
    }
  }
  let keepId: number | undefined;
  if (request.toolResults?.length) {
    const pending = pendingToolCalls(store.transcript(key, 200));
    // The model must see the message that made the calls together with their results.
    keepId = pending.messageId;
    for (const r of request.toolResults) {
      const call = pending.calls.find((c) => c.id === r.toolCallId);
      store.append(key, run.runId, {
        role: 'tool',
        toolCallId: r.toolCallId,
        name: call?.name ?? '',
        content: r.content,
        isError: r.isError,
      });
    }
  }
  if (content || request.images?.length) {
    const id = store.append(key, run.runId, { role: 'user', content, images: request.images });
    keepId ??= id;
  }
  return keepId ?? 0;
}

/** The tool calls of the session's last assistant message that have no result yet. */
export function pendingToolCalls(entries: readonly TranscriptEntry[]): { messageId?: number; calls: ToolCall[] } {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.role === 'user') return { calls: [] };
    if (e.role !== 'assistant') continue;
    const answered = new Set(
      entries
        .slice(i + 1)
        .filter((t) => t.role === 'tool')
        .map((t) => t.toolCallId),
    );
    return { messageId: e.id, calls: (e.toolCalls ?? []).filter((c) => !answered.has(c.id)) };
  }
  return { calls: [] };
}

/**
 * Specs per registered tool object: a tool is registered once per plugin generation, so its
 * spec is built once, not on every turn (the schema copy was ~5% of a turn's CPU in a burst).
 * A reload registers new objects, and the old ones' entries go with them.
 */
const toolSpecs = new WeakMap<AgentTool, ToolSpec>();

function toolSpec(tool: AgentTool): ToolSpec {
  let spec = toolSpecs.get(tool);
  if (!spec) {
    // TypeBox schemas are JSON schema; the round trip drops TypeBox's symbol keys.
    spec = {
      name: tool.name,
      description: tool.description,
      parameters: JSON.parse(JSON.stringify(tool.parameters)) as Record<string, unknown>,
    };
    toolSpecs.set(tool, spec);
  }
  return spec;
}

/**
 * One run: the user message joins the transcript, then model → tool calls → results → … until
 * the model answers without tool calls (or calls a client tool), bounded by the step limit.
 */
export async function executeTurn(run: Run, deps: ExecutorDeps): Promise<TurnResult> {
  const { config, store } = deps;
  const signal = run.controller.signal;
  const { agent, index } = findAgent(config, run.agentId);
  const chain = resolveModelChain(config, agent, index, run.request.model ?? store.get(run.sessionKey)?.model);
  const workspaceDir = expandHome(agent?.workspace ?? config.agents.defaults.workspace ?? deps.workspaceDir);
  // Files from a chat: images for this turn only (the transcript keeps a note naming the file).
  let userContent = run.message;
  let images: ImagePart[] = [];
  if (run.request.attachments?.length) {
    const input = await attachmentInput(run.request.attachments, {
      limits: imageLimitsFor(
        chain.map((c) => c.provider.api),
        config.agents.defaults.imageMaxDimensionPx,
      ),
      vision: chain.some(takesImages),
      workspaceDir,
      transcriber: deps.transcriber?.(),
      signal,
      logger: deps.logger,
    });
    userContent = [run.message, ...input.notes].filter((line) => line.trim()).join('\n');
    images = input.images;
    if (signal.aborted) throw signal.reason;
  }
  // The session row, any client-supplied history and the run's input land in one commit.
  const { session, userId } = store.atomically(() => {
    const session = store.ensure(run.sessionKey, run.agentId, run.request.origin);
    return { session, userId: recordInput(run, store, userContent) };
  });

  const serverTools = offeredTools(deps, run, session);
  const clientTools = run.request.clientTools ?? [];
  const clientNames = new Set(clientTools.map((t) => t.name));
  const specs = [
    ...serverTools.filter((t) => !clientNames.has(t.name)).map(toolSpec),
    ...clientTools.map((t) => ({
      name: t.name,
      description: t.description ?? '',
      parameters: t.parameters ?? { type: 'object', properties: {} },
    })),
  ];
  const system = buildSystemPrompt({
    agentPrompt: agent?.systemPrompt ?? config.agents.defaults.systemPrompt,
    workspaceDir,
    extra: run.request.extraSystemPrompt,
    agentId: run.agentId,
    agentName: agent?.name,
  });
  const maxSteps = agent?.maxSteps ?? config.agents.defaults.maxSteps;
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  let fullText = '';

  for (let step = 0; step < maxSteps; step++) {
    if (signal.aborted) throw signal.reason;
    const primary = chain[0]!.model;
    const maxTokens =
      primary.maxTokens ??
      (primary.contextWindow
        ? Math.min(DEFAULT_MAX_TOKENS, Math.floor(primary.contextWindow / 4))
        : DEFAULT_MAX_TOKENS);
    const window = Math.min(primary.contextWindow ?? Infinity, config.agents.defaults.contextTokens ?? Infinity);
    const { messages: all, keepFrom } = transcriptToMessages(store.transcript(run.sessionKey), userId);
    let messages = all;
    let ownTurn = keepFrom;
    if (Number.isFinite(window)) {
      const key = primary.contextWindow
        ? `models.providers.${chain[0]!.providerName}.models[id=${primary.id}].contextWindow`
        : 'agents.defaults.contextTokens';
      const fit = fitToContext(
        system,
        all,
        specs,
        keepFrom,
        window - maxTokens - images.length * IMAGE_TOKENS,
        config.agents.defaults.compaction.mode,
        key,
      );
      if (fit.droppedMessages > 0)
        deps.logger.info(
          {
            runId: run.runId,
            sessionKey: run.sessionKey,
            dropped: fit.droppedMessages,
            estimatedTokens: fit.estimatedTokens,
          },
          'transcript truncated to fit the context window',
        );
      messages = fit.messages;
      ownTurn = keepFrom - fit.droppedMessages;
    }
    if (images.length) messages = withImages(messages, ownTurn, images);
    let stepText = '';
    const { turn, model } = await callModelChain(
      chain,
      {
        system,
        messages,
        tools: specs,
        maxTokens,
        thinking: run.request.thinking ?? session.thinkingLevel ?? config.agents.defaults.thinkingDefault,
        signal,
        onDelta: (delta) => {
          stepText += delta;
          deps.emit(run, 'assistant', { delta, text: fullText + stepText });
        },
      },
      { logger: deps.logger, env: deps.env, health: deps.providerHealth },
    );
    usage.inputTokens += turn.usage.inputTokens;
    usage.outputTokens += turn.usage.outputTokens;
    fullText += turn.text;
    if (signal.aborted) throw signal.reason;
    // Every call is kept with the message; the client's are answered by its next request
    // (`toolResults`), and until then the transcript leaves them out of what providers see.
    store.append(
      run.sessionKey,
      run.runId,
      { role: 'assistant', content: turn.text, toolCalls: turn.toolCalls },
      turn.usage,
      model.ref,
    );
    if (turn.toolCalls.length === 0) return { text: fullText, usage, model: model.ref, workspaceDir };
    const clientCalls = turn.toolCalls.filter((c) => clientNames.has(c.name));
    for (const call of turn.toolCalls) {
      if (clientNames.has(call.name)) continue;
      if (signal.aborted) throw signal.reason;
      const { content, isError } = await runToolCall(call, serverTools, run, deps, workspaceDir);
      store.append(run.sessionKey, run.runId, { role: 'tool', toolCallId: call.id, name: call.name, content, isError });
    }
    if (clientCalls.length) {
      for (const c of clientCalls)
        deps.emit(run, 'tool', { phase: 'call', name: c.name, toolCallId: c.id, arguments: c.arguments, client: true });
      return { text: fullText, usage, model: model.ref, clientToolCalls: clientCalls, workspaceDir };
    }
  }
  throw agentError(
    'GW_ERR_AGENT_STEP_LIMIT',
    `the run used all ${maxSteps} model steps without a final answer (agents.defaults.maxSteps or ` +
      'agents.list[].maxSteps)',
    { details: { partialText: fullText } },
  );
}

/** The run's own user message (at `at`) with its images; every later step of the run sees them too. */
function withImages(messages: ChatMessage[], at: number, images: ImagePart[]): ChatMessage[] {
  const own = messages[at];
  if (own?.role !== 'user') return messages;
  const copy = [...messages];
  copy[at] = { ...own, images: [...(own.images ?? []), ...images] };
  return copy;
}

async function runToolCall(
  call: ToolCall,
  tools: AgentTool[],
  run: Run,
  deps: ExecutorDeps,
  workspaceDir: string,
): Promise<{ content: string; isError: boolean }> {
  deps.emit(run, 'tool', { phase: 'call', name: call.name, toolCallId: call.id, arguments: call.arguments });
  let content: string;
  let isError = false;
  try {
    const tool = tools.find((t) => t.name === call.name);
    if (!tool) throw agentError('GW_ERR_AGENT_TOOL_NOT_FOUND', `tool "${call.name}" is not available to this agent`);
    const args = parseToolArgs(call.name, call.arguments);
    const result = await executeTool(tool, args, {
      agentId: run.agentId,
      sessionKey: run.sessionKey,
      via: 'agent',
      signal: run.controller.signal,
      runId: run.runId,
      origin: run.request.origin,
      workspaceDir,
    });
    content = resultText(result);
  } catch (err) {
    if (run.controller.signal.aborted) throw run.controller.signal.reason;
    isError = true;
    content = `Error: ${(err as Error).message}`;
    deps.logger.info({ runId: run.runId, tool: call.name, code: (err as { code?: string }).code }, 'tool call failed');
  }
  deps.emit(run, 'tool', { phase: 'result', name: call.name, toolCallId: call.id, result: content, isError });
  return { content, isError };
}
