import type { InboundMessage } from './channel.js';
import type { HelloClient } from './context.js';
import type { WireErrorCode } from './errors.js';
import type { ExecApprovalService } from './exec-approvals.js';
import type { SandboxService } from './sandbox.js';

/**
 * The services first-party plugins provide to each other. They are typed here (via ServiceMap)
 * so any plugin that lists them in `dependsOn` gets them typed from `ctx.services.get(name)`.
 */

/** Where a run's message came from, and where its reply goes. */
export interface AgentRunOrigin {
  channel: string;
  accountId: string;
  chatId: string;
  chatType: 'direct' | 'group';
  threadId?: string;
  /** The platform message that triggered the run (replies thread to it in groups). */
  messageId?: string;
  senderId: string;
  senderName?: string;
}

export interface AgentSubmitRequest {
  /** Default: the default agent (`main`). */
  agentId?: string;
  sessionKey: string;
  message: string;
  origin?: AgentRunOrigin;
  /** A repeat with the same key returns the first run and starts nothing. */
  idempotencyKey?: string;
  /**
   * The run's id (default: a new UUID). Existing chat clients abort with the `idempotencyKey`
   * they sent, so `chat.send` and `agent` use it as the run id. Refused while a run with this id
   * is still queued or running.
   */
  runId?: string;
  timeoutMs?: number;
  extraSystemPrompt?: string;
  /** `"provider/model"` for this run only (cron jobs, hooks); the session's and agent's otherwise. */
  model?: string;
  /** Thinking level asked for (accepted for compatibility; passed on where a provider supports it). */
  thinking?: string;
  /**
   * Files that came with a channel message (saved by the channel, content-sniffed by the router):
   * images are shown to vision models (resized to the provider's limits), audio is transcribed
   * when a `transcriber` service is loaded, other files are copied where the file tools can read them.
   */
  attachments?: AgentAttachment[];
  /** Streamed run events (assistant deltas, tool calls/results, lifecycle), e.g. for HTTP SSE. */
  onEvent?: (event: AgentRunEvent) => void;
  /** Aborts the run (e.g. the HTTP client went away). */
  signal?: AbortSignal;
  /**
   * Function tools supplied by the client (OpenResponses): offered to the model; when the model
   * calls one, the run ends with `status:"ok"` and the calls in `result.clientToolCalls`.
   */
  clientTools?: Array<{ name: string; description?: string; parameters?: Record<string, unknown> }>;
  /** Images the model sees with `message` (refused when the model says it takes no images). */
  images?: AgentImage[];
  /**
   * Earlier turns the client supplied (stateless APIs such as Chat Completions), recorded in the
   * session before `message` — as turns, so tool results stay tool results. For a session that
   * has no transcript yet; ignored otherwise (the session's own transcript is the history).
   */
  history?: AgentTurn[];
  /**
   * Answers to the client tool calls the session's last run ended with. With these the run
   * continues from them; `message` may then be empty (no new user message).
   */
  toolResults?: AgentToolResult[];
  /**
   * Tools marked `dangerous` offered to the model in this run: only those these patterns name
   * (globs with `*`). Set by runs that come from HTTP (`gateway.http.endpoints.<name>.tools.allow`);
   * absent means every tool the agent's policy allows (WebSocket clients and channels).
   */
  dangerousToolsAllowed?: readonly string[];
}

/** A file that came with a channel message. */
export interface AgentAttachment {
  /** Absolute path of the saved file. */
  path: string;
  /** The type sniffed from the file's first bytes (`application/octet-stream` when unknown). */
  mime: string;
  /** `image` (PNG, JPEG, GIF, WebP), `audio`, `video` or `document` (anything else). */
  kind: 'image' | 'audio' | 'video' | 'document';
  size: number;
  /** The name the sender gave it, when the platform says. */
  fileName?: string;
}

/** An image input: a `data:<mime>;base64,…` URL or an http(s) URL the provider fetches. */
export interface AgentImage {
  url: string;
  /** OpenAI's `detail` hint. */
  detail?: 'auto' | 'low' | 'high';
}

/** A client tool call the model made (OpenAI `tool_calls`, OpenResponses `function_call`). */
export interface AgentToolCall {
  id: string;
  name: string;
  /** The arguments as a JSON string. */
  arguments: string;
}

export interface AgentToolResult {
  toolCallId: string;
  content: string;
  isError?: boolean;
}

/** One turn of a client-supplied conversation. */
export type AgentTurn =
  | { role: 'user'; text: string; images?: AgentImage[] }
  | { role: 'assistant'; text: string; toolCalls?: AgentToolCall[] }
  | ({ role: 'tool'; name?: string } & AgentToolResult);

/** One streamed event of a run (the payload of the `agent` wire event). */
export interface AgentRunEvent {
  runId: string;
  sessionKey: string;
  /** Per-run increasing sequence number. */
  seq: number;
  /** `assistant` (text deltas), `tool` (calls and results), `lifecycle` (start/end/error). */
  stream: 'assistant' | 'tool' | 'lifecycle';
  ts: number;
  data: Record<string, unknown>;
}

export interface AgentRunResult {
  runId: string;
  status: 'ok' | 'error' | 'aborted' | 'timeout';
  /** The final assistant text ('' when none). */
  text: string;
  /** `code` is the stable `GW_ERR_…` code; `wire`/`status` say how to report it (WS / HTTP). */
  error?: { code: string; message: string; wire?: WireErrorCode; status?: number; retryAfterMs?: number };
  sessionKey?: string;
  usage?: { inputTokens: number; outputTokens: number };
  /** Calls of client-supplied tools (see `clientTools`) the client must answer. */
  clientToolCalls?: Array<{ id: string; name: string; arguments: string }>;
  /** The agent's workspace: relative file references in `text` (a `MEDIA:` line) are its. */
  workspaceDir?: string;
  /** The model that answered (`<provider>/<model>`). */
  model?: string;
}

/** Provided by the `agent` plugin as service `agent`. */
export interface AgentService {
  /** Queue a message on its session (one run per session at a time). */
  submit(request: AgentSubmitRequest): { runId: string; done: Promise<AgentRunResult> };
  /** Session key for a channel message: DMs → the agent's main session, groups → one per group. */
  sessionKeyFor(origin: AgentRunOrigin, agentId?: string): string;
  /** Messages waiting or running across all sessions. */
  queueDepth(): number;
  /** Abort a run (running or queued). False when it is unknown or already over. */
  abort?(runId: string): boolean;
  /**
   * Forget a session and its transcript (a `store:false` HTTP request's own session). The main
   * session is never deleted; false when there was nothing to delete.
   */
  deleteSession?(sessionKey: string): boolean;
  /** The configured agents (for `GET /v1/models`). */
  agents?(): Array<{ id: string; name?: string; default: boolean }>;
  /** What `/status` shows about a session (model, settings, context use, queue). */
  sessionInfo?(sessionKey: string): AgentSessionInfo;
  /**
   * Group chat settings of an agent (`agents.list[].groupChat`, `messages.groupChat`): whether a
   * message's text matches its mention patterns (checked safely: patterns are validated when the
   * config loads, the text is bounded) and how many earlier group messages a turn may see.
   */
  groupChat?(agentId?: string): { mentioned(text: string): boolean; historyLimit?: number };
  /**
   * Run one tool outside a model turn (`POST /tools/invoke`): the agent's tool policy applies,
   * arguments are validated; `via:"http"` denies dangerous tools not in `allowDangerous`.
   */
  invokeTool?(request: {
    tool: string;
    args: unknown;
    agentId?: string;
    sessionKey?: string;
    via: 'agent' | 'http';
    allowDangerous?: readonly string[];
    dryRun?: boolean;
    signal?: AbortSignal;
  }): Promise<unknown>;
}

/** A session as `/status` describes it. */
export interface AgentSessionInfo {
  sessionKey: string;
  /** The current session id (a new one after `/new`, `/reset` and `/compact`). */
  sessionId?: string;
  agentId: string;
  /** `provider/model` the next turn uses, and where that choice comes from. */
  model: string;
  modelSource: 'session' | 'agent' | 'default';
  thinking: string;
  verbose: boolean;
  /** Messages in the current transcript. */
  messages: number;
  /** Estimated tokens the transcript uses, and the budget (context window or `contextTokens`). */
  contextTokens: number;
  contextWindow?: number;
  running: boolean;
  queued: number;
  /** Times the session was compacted. */
  compactions: number;
}

/** Where a message goes: a chat of a channel account (a session's "last" channel, a job's target). */
export interface DeliveryRoute {
  channel: string;
  accountId?: string;
  to: string;
  threadId?: string;
}

/** `now`: run a heartbeat at once; `next-heartbeat`: the line waits for the next turn of the main session. */
export type WakeMode = 'now' | 'next-heartbeat';

/** Provided by the `agent` plugin as service `heartbeat`. */
export interface HeartbeatService {
  /** Store a system line for the agent's main session (before this returns) and wake it per `mode`. */
  wake(request: { text: string; mode: WakeMode; agentId?: string; source?: string }): { ok: true };
  /** Where the user last talked to the agent's main session (`channel: "last"`), if anywhere. */
  lastRoute(agentId?: string): DeliveryRoute | undefined;
}

/** Provided by the `agent` plugin as service `sessions`. */
export interface SessionsService {
  count(): number;
}

export interface OutboundRequest {
  channel: string;
  accountId?: string;
  to: string;
  text?: string;
  mediaUrls?: string[];
  replyTo?: string;
  /** With `replyTo`: thread only the first part of a split message (default) or every part. */
  replyToMode?: 'first' | 'all';
  threadId?: string;
  /** Effect once: a repeat with the same key returns the first message id. */
  idempotencyKey?: string;
  sessionKey?: string;
}

/** Provided by the `delivery` plugin as service `outbound`: the durable outbound queue. */
export interface OutboundService {
  /** Persist the message (before this returns) and schedule its delivery. */
  enqueue(request: OutboundRequest): { messageId: string; duplicate: boolean };
  /** Queue totals for status screens: parts waiting to be delivered and dead letters. */
  stats?(): { pending: number; deadLetters: number };
}

/**
 * How the router treats one channel account's messages (from that channel's config): who may
 * talk (DM/group access), who owns it (owner-only chat commands), and how groups are answered.
 */
export interface AccessPolicy {
  dmPolicy: 'pairing' | 'allowlist' | 'open' | 'disabled';
  /** Sender ids / usernames / E.164 numbers; `"*"` allows anyone (required for `open`). */
  allowFrom: string[];
  /** Group id → settings; absent groups use `defaultGroup`. */
  groups: Record<string, { enabled?: boolean; requireMention?: boolean; allowFrom?: string[] }>;
  /** When false, only groups listed in `groups` are served. Default true. */
  groupsOpen?: boolean;
  /** Who may run owner-only commands (same entry forms as `allowFrom`); absent: `allowFrom` without `"*"`. */
  owners?: string[];
  /** Earlier group messages (not addressed to the bot) a group turn sees; absent: the agent's, else 50; 0: none. */
  historyLimit?: number;
  /** Group replies quote the triggering message: on the first part (default), every part, or never. */
  replyToMode?: 'first' | 'all' | 'off';
}

export interface InboundOutcome {
  /** The message was stored (durable) — the channel may acknowledge its source now. */
  stored: boolean;
  /**
   * What happened: `queued` for the agent, `command` (a chat command the gateway answers),
   * `pairing` (code sent), `denied`, `ignored`, `duplicate`.
   */
  disposition: 'queued' | 'command' | 'pairing' | 'denied' | 'ignored' | 'duplicate';
}

/** Provided by the `delivery` plugin as service `router`. */
export interface ChannelRouter {
  /** Store the message durably, apply the policy, route it to the agent; resolves once stored. */
  inbound(message: InboundMessage, policy: AccessPolicy): Promise<InboundOutcome>;
}

/** A paired or connected node as the `nodes` service shows it. */
export interface NodeSummary {
  nodeId: string;
  displayName?: string;
  platform: string;
  connected: boolean;
  /** What it declared (connected nodes: in this connect; offline ones: in their last). */
  commands: string[];
  /** Declared AND allowed by the gateway's command policy: what may be invoked. */
  invocableCommands: string[];
  /** How a connected node reached the gateway (for URLs of our other ports it can open). */
  reach?: HelloClient;
}

export interface NodeInvokeRequest {
  nodeId: string;
  command: string;
  params?: unknown;
  timeoutMs?: number;
  /** A repeat with the same key gets the first call's result; nothing runs twice. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/**
 * Provided by the `nodes` plugin as service `nodes`: the same node table, command policy and
 * invoke path as `node.invoke` (declared by the node AND allowed by `gateway.nodes`).
 */
export interface NodesService {
  list(): NodeSummary[];
  /** By id, unique id prefix (6+) or display name; throws `GW_ERR_NODES_NOT_FOUND` / `_AMBIGUOUS`. */
  resolve(ref: string): NodeSummary;
  /** Resolves with the node's answer; rejects with the nodes plugin's errors (FORBIDDEN, timeout, gone…). */
  invoke(request: NodeInvokeRequest): Promise<{ nodeId: string; command: string; payload: unknown }>;
}

/**
 * A speech-to-text hook: provide it as service `transcriber` and voice notes / audio files from
 * chats reach the model as text. Without one, audio stays a saved file the model is told about.
 */
export interface TranscriberService {
  transcribe(request: {
    path: string;
    mime: string;
    signal: AbortSignal;
  }): Promise<{ text: string; language?: string }>;
}

declare module './context.js' {
  interface ServiceMap {
    transcriber: TranscriberService;
    agent: AgentService;
    heartbeat: HeartbeatService;
    sessions: SessionsService;
    outbound: OutboundService;
    router: ChannelRouter;
    sandbox: SandboxService;
    'exec-approvals': ExecApprovalService;
    nodes: NodesService;
  }
}
