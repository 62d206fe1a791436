import { type Static, Type } from '../../sdk/index.js';

const WakeModeShape = Type.Union([Type.Literal('now'), Type.Literal('next-heartbeat')]);

/** One `hooks.mappings[]` entry: `POST <hooks.path>/<match.path>` becomes a wake or an agent run. */
const HookMapping = Type.Object({
  id: Type.Optional(Type.String({ minLength: 1 })),
  match: Type.Object({
    path: Type.String({
      pattern: '^[A-Za-z0-9._~-]+$',
      description: 'The last path segment: POST <hooks.path>/<match.path> (letters, digits, . _ ~ -).',
    }),
    source: Type.Optional(Type.String({ minLength: 1, description: 'Only bodies whose "source" field is this.' })),
  }),
  action: Type.Union([Type.Literal('wake'), Type.Literal('agent')], { default: 'agent' }),
  name: Type.Optional(Type.String({ minLength: 1, description: 'Shown in summaries (default: match.path).' })),
  messageTemplate: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'The agent message; {{body.field}}, {{headers.x}}, {{query.x}}, {{now}}.',
    }),
  ),
  textTemplate: Type.Optional(
    Type.String({ minLength: 1, description: 'The system line of a wake (default: messageTemplate).' }),
  ),
  wakeMode: Type.Optional(WakeModeShape),
  agentId: Type.Optional(Type.String({ minLength: 1 })),
  sessionKey: Type.Optional(
    Type.String({ minLength: 1, description: 'Session (may use placeholders); default one per request.' }),
  ),
  deliver: Type.Optional(Type.Boolean()),
  channel: Type.Optional(Type.String({ minLength: 1 })),
  to: Type.Optional(Type.String({ minLength: 1 })),
  model: Type.Optional(Type.String({ minLength: 1 })),
  thinking: Type.Optional(Type.String({ minLength: 1 })),
  timeoutSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 86_400 })),
});

/** `hooks` in moltbot.json (validated only when `hooks.enabled` is true). */
export const HooksConfig = Type.Object({
  enabled: Type.Boolean({ default: false }),
  token: Type.String({
    minLength: 16,
    description: 'The webhook secret (at least 16 characters, not the gateway token), e.g. `openssl rand -hex 24`.',
  }),
  path: Type.String({
    default: '/hooks',
    pattern: '^/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*$',
    description: 'Base path of the webhook routes (not "/").',
  }),
  maxBodyBytes: Type.Integer({
    minimum: 1024,
    maximum: 16 * 1024 * 1024,
    default: 256 * 1024,
    description: 'Largest accepted body; a larger one gets 413 before it is read.',
  }),
  allowRequestSessionKey: Type.Boolean({
    default: false,
    description: 'Let POST /agent choose its session (then only with a prefix from allowSessionKeyPrefixes).',
  }),
  allowSessionKeyPrefixes: Type.Array(Type.String({ minLength: 1 }), { default: ['hook:'] }),
  mappings: Type.Array(HookMapping, { default: [] }),
});

export type HooksConfigT = Static<typeof HooksConfig>;
export type HookMappingT = Static<typeof HookMapping>;
