import { acceptJsonBodiesOnly, definePlugin } from '../../sdk/index.js';
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
    acceptJsonBodiesOnly(app);
    app.setErrorHandler((err, _req, reply) => {
      const { status, body } = failureBody(err);
      if (status >= 500) ctx.logger.error({ err }, 'tools/invoke failed');
      return reply.code(status).send(body);
    });
    registerInvokeRoute(app, ctx);
  },
});
