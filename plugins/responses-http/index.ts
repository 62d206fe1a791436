import { acceptJsonBodiesOnly, definePlugin } from '../../sdk/index.js';
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
  description:
    'OpenResponses POST /v1/responses over the agent runtime (string or item input, instructions, streaming events, ' +
    'client function tools).',
  register(app, ctx) {
    acceptJsonBodiesOnly(app);
    app.setErrorHandler((err, _req, reply) => {
      const { status, body } = errorBody(err);
      if (status >= 500) ctx.logger.error({ err }, 'responses request failed');
      return reply.code(status).send(body);
    });
    registerResponses(app, ctx);
  },
});
