import { type PluginError, type RouteSchemaProblem, type Static, Type } from '../../sdk/index.js';
import { responsesError } from './errors.js';

/**
 * `POST /v1/responses`'s body as far as the gateway reads it (the route `schema`); other
 * OpenResponses fields are accepted and ignored. Item types, roles and tool names are
 * interpreted by responsesPrompt.
 */
export const ResponsesBody = Type.Object({
  model: Type.Optional(Type.String()),
  input: Type.Union([Type.String(), Type.Array(Type.Object({}), { minItems: 1 })]),
  instructions: Type.Optional(Type.String()),
  tools: Type.Optional(Type.Array(Type.Object({}))),
  stream: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  user: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export type ResponsesBodyT = Static<typeof ResponsesBody>;

/** A body failing the schema: the endpoint's documented code, with the problems named. */
export function responsesBodyError(problem: RouteSchemaProblem): PluginError {
  return responsesError(
    'GW_ERR_RESPONSES_HTTP_BAD_REQUEST',
    `${problem.message} (the body is {"model": "moltbot:<agent>", "input": "text" or a non-empty array of items, ` +
      '"instructions"?, "tools"?, "stream"?, "user"?})',
    { details: problem.details },
  );
}
