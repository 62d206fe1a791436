import { acceptJsonBodiesOnly, definePlugin, openAiErrorBody, useErrorBody } from '../../sdk/index.js';
import { ResponsesHttpConfig } from './config-schema.js';
import { ResponseStore } from './response-store.js';
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
    'client function tools, images, stored responses and previous_response_id).',
  register(app, ctx) {
    acceptJsonBodiesOnly(app);
    // Its own errors and the kernel's refusals on its routes, in OpenAI's shape.
    useErrorBody(app, openAiErrorBody);
    const stored = new ResponseStore(ctx.store, () => ctx.config.retention);
    stored.prune();
    ctx.lease.interval('prune stored responses', 3_600_000, () => stored.prune());
    registerResponses(app, ctx, stored);
  },
});
