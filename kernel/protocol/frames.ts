import Type, { type Static } from 'typebox';
import { compileSchema } from '../schema/compiled.js';

/** Current protocol version and the oldest one we still speak (PROTOCOL.md "Handshake" 3). */
export const PROTOCOL_VERSION = 7;
export const MIN_PROTOCOL_VERSION = 3;

export const MAX_PAYLOAD_BYTES = 524_288;
export const MAX_BUFFERED_BYTES = 1_572_864;
export const DEFAULT_TICK_INTERVAL_MS = 30_000;
export const HANDSHAKE_TIMEOUT_MS = 10_000;

export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  unsupportedData: 1003,
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
  serviceRestart: 1012,
  tryAgainLater: 1013,
} as const;

export const RequestFrameSchema = Type.Object({
  type: Type.Literal('req'),
  id: Type.String({ minLength: 1, maxLength: 256 }),
  method: Type.String({ minLength: 1, maxLength: 256 }),
  params: Type.Optional(Type.Unknown()),
});
export type RequestFrame = Static<typeof RequestFrameSchema>;

export const requestFrame = compileSchema(RequestFrameSchema);

const NonEmpty = Type.String({ minLength: 1, maxLength: 256 });

export const ConnectParamsSchema = Type.Object(
  {
    minProtocol: Type.Integer({ minimum: 1 }),
    maxProtocol: Type.Integer({ minimum: 1 }),
    client: Type.Object({
      id: NonEmpty,
      version: Type.String({ maxLength: 64 }),
      platform: Type.String({ maxLength: 64 }),
      mode: NonEmpty,
      displayName: Type.Optional(Type.String({ maxLength: 256 })),
      instanceId: Type.Optional(Type.String({ maxLength: 256 })),
      deviceFamily: Type.Optional(Type.String({ maxLength: 128 })),
      modelIdentifier: Type.Optional(Type.String({ maxLength: 128 })),
    }),
    role: Type.Optional(Type.String({ maxLength: 32 })),
    scopes: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 32 })),
    caps: Type.Optional(Type.Array(Type.String({ maxLength: 128 }), { maxItems: 256 })),
    commands: Type.Optional(Type.Array(Type.String({ maxLength: 128 }), { maxItems: 1024 })),
    permissions: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    /** Node hosts send their PATH (shown by node tooling). */
    pathEnv: Type.Optional(Type.String({ maxLength: 65_536 })),
    auth: Type.Optional(
      Type.Object(
        {
          token: Type.Optional(Type.String({ maxLength: 4096 })),
          password: Type.Optional(Type.String({ maxLength: 4096 })),
        },
        { additionalProperties: false },
      ),
    ),
    device: Type.Optional(
      Type.Object({
        id: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }),
        publicKey: Type.String({ minLength: 1, maxLength: 128 }),
        signature: Type.String({ minLength: 1, maxLength: 256 }),
        signedAt: Type.Integer(),
        nonce: Type.Optional(Type.String({ maxLength: 256 })),
      }),
    ),
    locale: Type.Optional(Type.String({ maxLength: 64 })),
    userAgent: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);
export type ConnectParams = Static<typeof ConnectParamsSchema>;

export const connectParams = compileSchema(ConnectParamsSchema);

/** Highest version both sides speak, or undefined when the ranges do not overlap. */
export function negotiateProtocol(min: number, max: number): number | undefined {
  const hi = Math.min(max, PROTOCOL_VERSION);
  const lo = Math.max(min, MIN_PROTOCOL_VERSION);
  return hi >= lo ? hi : undefined;
}
