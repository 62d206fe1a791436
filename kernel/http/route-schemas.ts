import type { FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import { kernelError } from '../errors.js';
import { compileSchema, describeProblems } from '../schema/compiled.js';

const PART_NAME: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'path parameter',
  headers: 'header',
};

/**
 * Route `schema`s (TypeBox) are checked with TypeBox's compiler, the one every config and method
 * param goes through — not Ajv with Fastify's defaults, which would coerce `"5"` into `5` and
 * drop unknown fields silently. A failure is GW_ERR_HTTP_BODY_INVALID naming each problem, in
 * the route's documented error body.
 */
export function installRouteSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const compiled = compileSchema(schema as TSchema);
    const part = PART_NAME[httpPart ?? 'body'] ?? String(httpPart);
    return (data: unknown) => {
      if (compiled.check(data)) return { value: data };
      const problems = compiled.problems(data);
      const error = kernelError(
        'GW_ERR_HTTP_BODY_INVALID',
        `invalid request ${part}: ${describeProblems(problems, part === 'body' ? '' : part)}`,
        { details: { problems: problems.map((p) => ({ ...p })) } },
      );
      return { error: Object.assign(error, { statusCode: 400 }) };
    };
  });
}
