import { acceptJsonBodiesOnly, definePlugin, openAiErrorBody, useErrorBody } from '../../sdk/index.js';
import { ResponsesHttpConfig } from './config-schema.js';
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
    // Its own errors and the kernel's refusals on its routes, in OpenAI's shape.
    useErrorBody(app, openAiErrorBody);
    registerResponses(app, ctx);
  },
});
