import { type Static, Type } from '../../sdk/index.js';

const groupSettings = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    /** Default true: in groups the assistant answers only when its number is @mentioned or replied to. */
    requireMention: Type.Optional(Type.Boolean()),
    /** Only these members (E.164) may talk to the assistant in this group. */
    allowFrom: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);

const accountFields = {
  enabled: Type.Optional(Type.Boolean()),
  name: Type.Optional(Type.String({ maxLength: 128 })),
  dmPolicy: Type.Optional(
    Type.Union([Type.Literal('pairing'), Type.Literal('allowlist'), Type.Literal('open'), Type.Literal('disabled')]),
  ),
  /** Phone numbers in E.164 (`+15551234567`) or `"*"`. */
  allowFrom: Type.Optional(Type.Array(Type.String({ pattern: '^(\\*|\\+?[0-9]{5,16})$' }))),
  /** Who may run owner-only chat commands (E.164); absent: `allowFrom` without "*". */
  owners: Type.Optional(Type.Array(Type.String({ pattern: '^\\+?[0-9]{5,16}$' }))),
  /** Earlier group messages (not addressed to the assistant) a group turn sees; 0: none. */
  historyLimit: Type.Optional(Type.Integer({ minimum: 0, maximum: 500 })),
  /** Group replies quote the triggering message: on the first part (default), every part, or never. */
  replyToMode: Type.Optional(Type.Union([Type.Literal('first'), Type.Literal('all'), Type.Literal('off')])),
  groupPolicy: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('allowlist'), Type.Literal('disabled')])),
  /** Group JID (`1203630…@g.us`) → settings; `"*"` for every group. */
  groups: Type.Optional(Type.Record(Type.String(), groupSettings)),
  sendReadReceipts: Type.Optional(Type.Boolean()),
  textChunkLimit: Type.Optional(Type.Integer({ minimum: 100, maximum: 65_000 })),
  /** Inbound attachment cap (bigger files are not downloaded; the sender is told). */
  mediaMaxMb: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 2000 })),
};

/** `channels.whatsapp`. */
export const whatsappConfigSchema = Type.Object(
  {
    ...accountFields,
    accounts: Type.Optional(
      Type.Record(
        Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }),
        Type.Object(accountFields, { additionalProperties: false }),
      ),
    ),
    /** Reconnect attempts (with exponential backoff and jitter) before an account gives up. */
    maxReconnectAttempts: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    reconnectBaseMs: Type.Optional(Type.Integer({ minimum: 10, maximum: 600_000 })),
  },
  { additionalProperties: false },
);

export type WhatsAppConfig = Static<typeof whatsappConfigSchema>;
