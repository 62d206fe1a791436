import { definePlugin } from '../../sdk/index.js';
import { ToolsInvokeConfig } from './config-schema.js';
import { failureBody } from './errors.js';
import { registerInvokeRoute } from './invoke-route.js';
export default definePlugin({
    id: 'tools-invoke',
    version: '1.0.0',
    sdk: '^1.0.0',
    configKey: 'gateway.http.toolsInvoke',
    configSchema: ToolsInvokeConfig,
    dependsOn: ['agent'],
    description: 'POST /tools/invoke: run one agent tool over HTTP (bearer auth, tool policy, dangerous tools opt-in).',
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
            const { status, body } = failureBody(err);
            if (status >= 500)
                ctx.logger.error({ err }, 'tools/invoke failed');
            return reply.code(status).send(body);
        });
        registerInvokeRoute(app, ctx);
    },
});
//# sourceMappingURL=index.js.map