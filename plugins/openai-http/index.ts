import { acceptJsonBodiesOnly, definePlugin, openAiErrorBody, useErrorBody } from '../../sdk/index.js';
import { registerChatCompletions } from './chat-completions-route.js';
import { OpenAiHttpConfig } from './config-schema.js';
import { registerModels } from './models-route.js';

export default definePlugin({
  id: 'openai-http',
  version: '1.0.0',
  sdk: '^1.0.0',
  configKey: 'gateway.http.endpoints.chatCompletions',
  configSchema: OpenAiHttpConfig,
  dependsOn: ['agent'],
  description:
    'OpenAI-compatible POST /v1/chat/completions (with SSE streaming) and GET /v1/models over the agent runtime.',
  register(app, ctx) {
    acceptJsonBodiesOnly(app);
    // Its own errors and the kernel's refusals on its routes, in OpenAI's shape.
    useErrorBody(app, openAiErrorBody);
    registerChatCompletions(app, ctx);
    registerModels(app, ctx);
  },
});
