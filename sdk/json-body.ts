import type { FastifyInstance } from 'fastify';

/**
 * Make a plugin's routes accept JSON bodies only: any other content type is answered 415, and
 * a body that is not valid JSON 400 with the parser's reason (Fastify would otherwise also
 * parse text/plain). Encapsulated: it affects only this plugin's instance.
 */
export function acceptJsonBodiesOnly(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, body === '' ? undefined : JSON.parse(body as string));
    } catch (err) {
      done(
        Object.assign(new Error(`the body is not valid JSON: ${(err as Error).message}`), { statusCode: 400 }),
        undefined,
      );
    }
  });
}
