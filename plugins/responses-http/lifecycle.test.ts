import { describe, it } from 'vitest';
import { checkHttpPluginLifecycle } from '../../test/http/http-plugin-lifecycle.js';

describe('responses-http plugin lifecycle', () => {
  it('loads when enabled, reloads, and leaves no route after unload', async () => {
    await checkHttpPluginLifecycle({
      id: 'responses-http',
      enable: { gateway: { http: { endpoints: { responses: { enabled: true } } } } },
      disable: { gateway: { http: { endpoints: { responses: { enabled: false } } } } },
      routes: ['DELETE /v1/responses/:id', 'GET /v1/responses/:id', 'POST /v1/responses'],
      probe: { method: 'POST', path: '/v1/responses', body: { model: 'moltbot:main', input: 'hello' }, okStatus: 200 },
    });
  });
});
