import { type Static, Type } from '../../sdk/index.js';
import { mentionPatternProblem } from './group-chat/mention-patterns.js';
import { HeartbeatConfig } from './heartbeat/heartbeat-config.js';

/** One model a provider serves. */
const ModelEntry = Type.Object({
  id: Type.String({ minLength: 1, description: 'Model id as the provider names it.' }),
  name: Type.Optional(Type.String()),
  contextWindow: Type.Optional(
    Type.Integer({ minimum: 256, description: 'Context window in tokens; older turns are truncated to fit.' }),
  ),
  maxTokens: Type.Optional(Type.Integer({ minimum: 1, description: 'Max output tokens per reply (default 4096).' })),
  input: Type.Optional(
    Type.Array(Type.Union([Type.Literal('text'), Type.Literal('image')]), {
      description: 'What the model takes; without "image" image inputs are refused (absent: the provider decides).',
    }),
  ),
  reasoning: Type.Optional(Type.Boolean({ description: 'A reasoning model (shown by models.list).' })),
  cost: Type.Optional(
    Type.Object(
      {
        input: Type.Number({ minimum: 0, default: 0 }),
        output: Type.Number({ minimum: 0, default: 0 }),
        cacheRead: Type.Number({ minimum: 0, default: 0 }),
        cacheWrite: Type.Number({ minimum: 0, default: 0 }),
      },
      { description: 'USD per million tokens, for usage.cost and sessions.usage.' },
    ),
  ),
});

const ProviderEntry = Type.Object({
  baseUrl: Type.String({ minLength: 1, description: 'e.g. https://api.openai.com/v1 or https://api.anthropic.com' }),
  apiKey: Type.Optional(
    Type.String({ description: 'The key, or "env:NAME" / "${NAME}" to read it from the environment.' }),
  ),
  // Any string is accepted so an existing config with other APIs still loads; runs on a provider
  // whose api is not supported fail with an error naming this key.
  api: Type.String({ minLength: 1, description: 'Wire format: "openai-completions" or "anthropic-messages".' }),
  models: Type.Array(ModelEntry, { default: [] }),
  headers: Type.Optional(Type.Record(Type.String(), Type.String())),
  timeoutMs: Type.Optional(
    Type.Integer({ minimum: 100, maximum: 3_600_000, description: 'Per-request timeout (default 120000).' }),
  ),
  maxRetries: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 10, description: 'Retries on 429/5xx/network errors (default 2).' }),
  ),
});

/** `"provider/model"` or `{primary, fallbacks}`. */
const ModelChoice = Type.Union([
  Type.String({ minLength: 1 }),
  Type.Object({
    primary: Type.Optional(Type.String({ minLength: 1 })),
    fallbacks: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  }),
]);

const ToolPolicy = Type.Object({
  allow: Type.Optional(
    Type.Array(Type.String({ minLength: 1 }), { description: 'Tool names (or globs with *) allowed; absent = all.' }),
  ),
  deny: Type.Optional(
    Type.Array(Type.String({ minLength: 1 }), { description: 'Tool names (or globs) denied; deny wins.' }),
  ),
});

/** A case-insensitive regex; refused at load when it could backtrack catastrophically. */
const MentionPattern = Type.Refine(
  Type.String({ minLength: 1, maxLength: 200 }),
  (p: string) => mentionPatternProblem(p) === undefined,
  (p: string) => mentionPatternProblem(p) ?? 'invalid mention pattern',
);

/** How the agent behaves in group chats (`agents.list[].groupChat`, `messages.groupChat`). */
const GroupChat = Type.Object(
  {
    mentionPatterns: Type.Optional(
      Type.Array(MentionPattern, {
        maxItems: 50,
        description: 'Regexes (case-insensitive) that count as mentioning the assistant in a group, e.g. "@?molty".',
      }),
    ),
    historyLimit: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 500,
        description: 'Earlier group messages (since the last answer) a group turn sees; 0: none (default 50).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const THINKING_LEVELS = ['off', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;
const ThinkingLevel = Type.Union(
  THINKING_LEVELS.map((l) => Type.Literal(l)),
  { description: 'off, minimal, low, medium, high or xhigh' },
);
/** How clients show an agent (`agents.list`, `agent.identity.get`). */
const AgentIdentity = Type.Object({
  name: Type.Optional(Type.String()),
  theme: Type.Optional(Type.String()),
  emoji: Type.Optional(Type.String()),
  avatar: Type.Optional(Type.String({ description: 'An image URL or a data URL.' })),
});

const AgentEntry = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$', description: 'Agent id.' }),
  name: Type.Optional(Type.String()),
  identity: Type.Optional(AgentIdentity),
  default: Type.Optional(Type.Boolean()),
  model: Type.Optional(ModelChoice),
  systemPrompt: Type.Optional(Type.String()),
  workspace: Type.Optional(Type.String()),
  tools: Type.Optional(ToolPolicy),
  maxSteps: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  groupChat: Type.Optional(GroupChat),
});

export const AgentsConfig = Type.Object({
  defaults: Type.Object(
    {
      model: Type.Optional(ModelChoice),
      workspace: Type.Optional(
        Type.String({ description: 'Workspace folder (default ~/clawd); its AGENTS.md feeds the system prompt.' }),
      ),
      systemPrompt: Type.Optional(Type.String()),
      timeoutSeconds: Type.Integer({ minimum: 1, maximum: 86_400, default: 600, description: 'Per-run timeout.' }),
      maxSteps: Type.Integer({
        minimum: 1,
        maximum: 100,
        default: 12,
        description: 'Model calls per run (tool loop bound).',
      }),
      contextTokens: Type.Optional(
        Type.Integer({ minimum: 256, description: 'Cap on the context used, below the model contextWindow.' }),
      ),
      compaction: Type.Object(
        {
          mode: Type.Union([Type.Literal('truncate'), Type.Literal('off')], {
            default: 'truncate',
            description: 'truncate: drop the oldest turns to fit; off: fail instead.',
          }),
        },
        { default: {} },
      ),
      heartbeat: Type.Optional(HeartbeatConfig),
      models: Type.Optional(
        Type.Record(
          Type.String({ pattern: '^[A-Za-z0-9_.-]+/.+$' }),
          Type.Object({ alias: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,32}$' })) }),
          {
            description:
              'Models a chat may switch to with /model ("provider/model" → {alias?}); absent: any configured model.',
          },
        ),
      ),
      thinkingDefault: Type.Optional(ThinkingLevel),
      imageMaxDimensionPx: Type.Optional(
        Type.Integer({
          minimum: 256,
          maximum: 8000,
          description: "Longest edge of images sent to models (below the provider's own limit).",
        }),
      ),
    },
    { default: {} },
  ),
  list: Type.Array(AgentEntry, { default: [] }),
});

export const ModelsConfig = Type.Object({
  providers: Type.Record(Type.String({ pattern: '^[A-Za-z0-9_.-]+$' }), ProviderEntry, { default: {} }),
});

export const MessagesConfig = Type.Object({
  groupChat: Type.Optional(GroupChat),
  queue: Type.Object(
    {
      // Moltbot's `steer`, `steer-backlog` and `queue` are accepted and behave like `followup`.
      mode: Type.Union(
        ['followup', 'collect', 'interrupt', 'steer', 'steer-backlog', 'queue'].map((m) => Type.Literal(m)),
        { default: 'followup' },
      ),
      cap: Type.Integer({
        minimum: 1,
        maximum: 1000,
        default: 50,
        description: 'Waiting messages per session; more are refused.',
      }),
    },
    { default: {} },
  ),
});

export const ToolsConfig = ToolPolicy;

export const SessionConfig = Type.Object({
  mainKey: Type.String({ minLength: 1, default: 'main' }),
  /** `per-peer` gives each DM sender its own session; `main` (default) sends DMs to the main session. */
  // `per-channel-peer` / `per-account-channel-peer` (Moltbot) behave like `per-peer` (keys carry the channel).
  dmScope: Type.Union(
    ['main', 'per-peer', 'per-channel-peer', 'per-account-channel-peer'].map((m) => Type.Literal(m)),
    { default: 'main' },
  ),
});

export const AgentPluginConfig = Type.Object({
  agents: AgentsConfig,
  models: ModelsConfig,
  messages: MessagesConfig,
  tools: ToolsConfig,
  session: SessionConfig,
});

export type AgentPluginConfigT = Static<typeof AgentPluginConfig>;
export type ProviderConfig = Static<typeof ProviderEntry>;
export type ModelConfig = Static<typeof ModelEntry>;
export type AgentConfig = Static<typeof AgentEntry>;
export type ToolPolicyConfig = Static<typeof ToolPolicy>;
export type ModelChoiceT = Static<typeof ModelChoice>;
export type ThinkingLevelT = Static<typeof ThinkingLevel>;
export type GroupChatConfig = Static<typeof GroupChat>;
