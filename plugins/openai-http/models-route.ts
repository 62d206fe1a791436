import type { PluginApp, PluginContext } from '../../sdk/index.js';
import { agentService } from './chat-completions-route.js';
import type { OpenAiHttpConfigT } from './config-schema.js';
import { openAiHttpError } from './errors.js';

/** `GET /v1/models` (and `/v1/models/:id`): the agents, as `moltbot:<agentId>` models. */
export function registerModels(app: PluginApp, ctx: PluginContext<OpenAiHttpConfigT>): void {
  const list = () =>
    (agentService(ctx).agents?.() ?? [{ id: 'main', default: true }]).map((a) => ({
      id: `moltbot:${a.id}`,
      object: 'model',
      created: Math.floor(ctx.gateway.startedAt / 1000),
      owned_by: 'moltbot',
    }));
  app.get('/v1/models', async () => ({ object: 'list', data: list() }));
  app.get<{ Params: { id: string } }>('/v1/models/:id', async (req) => {
    const found = list().find(
      (m) => m.id === req.params.id || m.id === `moltbot:${req.params.id.replace(/^agent:/, '')}`,
    );
    if (!found)
      throw Object.assign(
        openAiHttpError('GW_ERR_OPENAI_HTTP_BAD_REQUEST', `no model "${req.params.id}": GET /v1/models lists them`),
        { status: 404 },
      );
    return found;
  });
}
