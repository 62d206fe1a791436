import { type Static, Type } from '../../sdk/index.js';

const groupSettings = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    /** Default true: in groups the bot answers only when @mentioned or replied to. */
    requireMention: Type.Optional(Type.Boolean()),
    /** Only these members may talk to the bot in this group (ids or @usernames). */
    allowFrom: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Integer()]))),
  },
  { additionalProperties: false },
);

/** Settings one bot account has; top-level values are the defaults of every `accounts.<id>`. */
const accountFields = {
  enabled: Type.Optional(Type.Boolean()),
  name: Type.Optional(Type.String({ maxLength: 128 })),
  botToken: Type.Optional(Type.String({ minLength: 1 })),
  tokenFile: Type.Optional(Type.String({ minLength: 1 })),
  apiRoot: Type.Optional(Type.String({ pattern: '^https?://' })),
  dmPolicy: Type.Optional(
    Type.Union([Type.Literal('pairing'), Type.Literal('allowlist'), Type.Literal('open'), Type.Literal('disabled')]),
  ),
  allowFrom: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Integer()]))),
  /** Who may run owner-only chat commands (/model, /approve, /activation); absent: `allowFrom` without "*". */
  owners: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Integer()]))),
  groupPolicy: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('allowlist'), Type.Literal('disabled')])),
  groups: Type.Optional(Type.Record(Type.String(), groupSettings)),
  textChunkLimit: Type.Optional(Type.Integer({ minimum: 100, maximum: 4096 })),
  /** Earlier group messages (not addressed to the bot) a group turn sees; 0: none. */
  historyLimit: Type.Optional(Type.Integer({ minimum: 0, maximum: 500 })),
  /** Group replies quote the triggering message: on the first part (default), every part, or never. */
  replyToMode: Type.Optional(Type.Union([Type.Literal('first'), Type.Literal('all'), Type.Literal('off')])),
  /** Keep the bot's command menu (setMyCommands) in step with the registered chat commands (default true). */
  commandMenu: Type.Optional(Type.Boolean()),
  mediaMaxMb: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 2000 })),
  webhookUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
  webhookSecret: Type.Optional(
    Type.String({
      minLength: 16,
      maxLength: 256,
      pattern: '^[A-Za-z0-9_-]+$',
      description: 'at least 16 characters: the only thing between the internet and this route',
    }),
  ),
  webhookPath: Type.Optional(Type.String({ pattern: '^/' })),
  pollTimeoutSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
  requestTimeoutSeconds: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 600,
      description: 'A Bot API call that has not answered by then is a network error (default: long poll + 30).',
    }),
  ),
};

/** `channels.telegram`. */
export const telegramConfigSchema = Type.Object(
  {
    ...accountFields,
    accounts: Type.Optional(
      Type.Record(
        Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }),
        Type.Object(accountFields, { additionalProperties: false }),
      ),
    ),
  },
  { additionalProperties: false },
);

export type TelegramConfig = Static<typeof telegramConfigSchema>;
export type TelegramAccountConfig = Omit<TelegramConfig, 'accounts'>;
