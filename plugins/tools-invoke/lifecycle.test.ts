import { describe, it } from 'vitest';
import { checkHttpPluginLifecycle } from '../../test/http/http-plugin-lifecycle.js';

describe('tools-invoke plugin lifecycle', () => {
  it('is on by default, reloads, and leaves no route after it is disabled', async () => {
    await checkHttpPluginLifecycle({
      id: 'tools-invoke',
      enable: {},
      disable: { plugins: { entries: { 'tools-invoke': { enabled: false } } } },
      routes: ['POST /tools/invoke'],
      probe: { method: 'POST', path: '/tools/invoke', body: { tool: 'sessions_list' }, okStatus: 200 },
    });
  });
});
