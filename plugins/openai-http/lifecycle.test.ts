import { describe, it } from 'vitest';
import { checkHttpPluginLifecycle } from '../../test/http/http-plugin-lifecycle.js';

describe('openai-http plugin lifecycle', () => {
  it('is off by default, loads when enabled, reloads, and leaves no route after unload', async () => {
    await checkHttpPluginLifecycle({
      id: 'openai-http',
      enable: { gateway: { http: { endpoints: { chatCompletions: { enabled: true } } } } },
      disable: { gateway: { http: { endpoints: { chatCompletions: { enabled: false } } } } },
      routes: ['POST /v1/chat/completions', 'GET /v1/models', 'GET /v1/models/:id'],
      probe: { method: 'GET', path: '/v1/models', okStatus: 200 },
    });
  });
});
