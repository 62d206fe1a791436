import { definePlugin } from '../../sdk/index.js';
import { ResponsesHttpConfig } from './config-schema.js';
import { errorBody } from './errors.js';
import { registerResponses } from './responses-route.js';
export default definePlugin({
    id: 'responses-http',
    version: '1.0.0',
    sdk: '^1.0.0',
    configKey: 'gateway.http.endpoints.responses',
    configSchema: ResponsesHttpConfig,
    dependsOn: ['agent'],
    description: 'OpenResponses POST /v1/responses over the agent runtime (string or item input, instructions, streaming events, client function tools).',
    register(app, ctx) {
        app.removeAllContentTypeParsers();
        app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
            try {
                done(null, body === '' ? undefined : JSON.parse(body));
            }
            catch (err) {
                done(Object.assign(new Error(`the body is not valid JSON: ${err.message}`), { statusCode: 400 }), undefined);
            }
        });
        app.setErrorHandler((err, _req, reply) => {
            const { status, body } = errorBody(err);
            if (status >= 500)
                ctx.logger.error({ err }, 'responses request failed');
            return reply.code(status).send(body);
        });
        registerResponses(app, ctx);
    },
});
//# sourceMappingURL=index.js.map