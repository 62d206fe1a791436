import { type PluginError, type RouteSchemaProblem, type Static, Type } from '../../sdk/index.js';
import { openAiHttpError } from './errors.js';

/**
 * `POST /v1/chat/completions`'s body as far as the gateway reads it (the route `schema`); any
 * other OpenAI field (temperature, tools, …) is accepted and ignored. Roles and content are
 * interpreted by chatPrompt.
 */
export const ChatBody = Type.Object({
  model: Type.Optional(Type.String()),
  messages: Type.Array(Type.Object({ role: Type.String(), content: Type.Optional(Type.Unknown()) }), {
    minItems: 1,
  }),
  stream: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  user: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export type ChatBodyT = Static<typeof ChatBody>;

/** A body failing the schema: the endpoint's documented code, with the problems named. */
export function chatBodyError(problem: RouteSchemaProblem): PluginError {
  return openAiHttpError(
    'GW_ERR_OPENAI_HTTP_BAD_REQUEST',
    `${problem.message} (the body is {"model": "moltbot:<agent>", "messages": [{"role", "content"}, …], ` +
      '"stream"?, "user"?})',
    { details: problem.details },
  );
}
