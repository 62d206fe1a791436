/**
 * The schemas the baseline checks per frame: what any gateway must validate at minimum
 * (the request frame, the connect params, and each method's params).
 */
import Type from 'typebox';
import { Compile } from 'typebox/compile';

const NonEmpty = Type.String({ minLength: 1 });

export const RequestFrame = Compile(
  Type.Object({
    type: Type.Literal('req'),
    id: NonEmpty,
    method: NonEmpty,
    params: Type.Optional(Type.Unknown()),
  }),
);

export const ConnectParams = Compile(
  Type.Object(
    {
      minProtocol: Type.Integer({ minimum: 1 }),
      maxProtocol: Type.Integer({ minimum: 1 }),
      client: Type.Object({
        id: NonEmpty,
        version: NonEmpty,
        platform: NonEmpty,
        mode: NonEmpty,
        displayName: Type.Optional(Type.String()),
        instanceId: Type.Optional(Type.String()),
        deviceFamily: Type.Optional(Type.String()),
        modelIdentifier: Type.Optional(Type.String()),
      }),
      role: Type.Optional(Type.Union([Type.Literal('operator'), Type.Literal('node')])),
      scopes: Type.Optional(Type.Array(Type.String())),
      caps: Type.Optional(Type.Array(Type.String())),
      commands: Type.Optional(Type.Array(Type.String())),
      permissions: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      auth: Type.Optional(Type.Object({ token: Type.Optional(Type.String()), password: Type.Optional(Type.String()) })),
      locale: Type.Optional(Type.String()),
      userAgent: Type.Optional(Type.String()),
    },
    { additionalProperties: false },
  ),
);

export const StatusParams = Compile(Type.Object({}, { additionalProperties: false }));

export const BroadcastParams = Compile(Type.Object({ text: Type.String({ maxLength: 4096 }) }));

type Checker = {
  Check(value: unknown): boolean;
  Errors(value: unknown): Iterable<{ instancePath: string; message: string }>;
};

/** `"<path>: <message>"` of the first error, for INVALID_REQUEST messages. */
export function firstError(checker: Checker, value: unknown): string {
  for (const error of checker.Errors(value)) return `${error.instancePath || '/'}: ${error.message}`;
  return 'invalid';
}
