import { type PluginError, type RouteSchemaProblem, type Static, Type } from '../../sdk/index.js';
import { hooksError } from './errors.js';

/** A string with something in it, bounded. */
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
/** An optional field that may also be sent as null (meaning unset). */
const Optional = (maxLength: number) => Type.Optional(Type.Union([Text(maxLength), Type.Null()]));
const WakeMode = Type.Optional(Type.Union([Type.Literal('now'), Type.Literal('next-heartbeat'), Type.Null()]));

/** `POST <path>/wake`: `{"text":"New email from Ada", "mode"?: "now" | "next-heartbeat"}`. */
export const WakeBody = Type.Object({ text: Text(20_000), mode: WakeMode });
export type WakeBodyT = Static<typeof WakeBody>;

/** `POST <path>/agent`: `{"message": …}` and the optional run settings (README.md "Endpoints"). */
export const AgentRunBody = Type.Object({
  message: Text(200_000),
  name: Optional(200),
  agentId: Optional(200),
  sessionKey: Optional(256),
  wakeMode: WakeMode,
  deliver: Type.Optional(Type.Boolean()),
  channel: Optional(100),
  to: Optional(200),
  model: Optional(200),
  thinking: Optional(50),
  timeoutSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 86_400 })),
});
export type AgentRunBodyT = Static<typeof AgentRunBody>;

/** A body failing its route schema: GW_ERR_HOOKS_BAD_REQUEST naming the problems. */
export function hookBodyError(problem: RouteSchemaProblem): PluginError {
  return hooksError('GW_ERR_HOOKS_BAD_REQUEST', problem.message);
}
