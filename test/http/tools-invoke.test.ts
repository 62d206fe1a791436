import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentConfig, FAKE_KEY_ENV } from '../agent/agent-harness.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';

let fake: FakeModelProvider;
let gw: GatewayProcess;
let url: string;

beforeAll(async () => {
  fake = await startFakeModelProvider();
  gw = await startGateway({
    env: FAKE_KEY_ENV,
    config: agentConfig(fake, {
      agents: {
        list: [
          { id: 'main', default: true },
          { id: 'locked', tools: { deny: ['sessions_*'] } },
        ],
      },
      gateway: { http: { toolsInvoke: { allow: ['gateway'] } } },
    }),
  });
  url = `http://127.0.0.1:${gw.port}/tools/invoke`;
});
afterAll(async () => {
  await gw?.stop();
  await fake?.close();
});

function invoke(body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${gw.token}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('POST /tools/invoke', () => {
  it('runs a tool: 200 {ok:true, result}', async () => {
    const res = await invoke({ tool: 'sessions_list', args: { limit: 5 } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.ok).toBe(true);
    expect(body.result).toMatchObject({ count: expect.any(Number), sessions: expect.any(Array) });
  });

  it('lets a dangerous tool through only when gateway.http.toolsInvoke.allow lists it', async () => {
    const status = await invoke({ tool: 'gateway', action: 'status' });
    expect(status.status).toBe(200);
    expect((await status.json()).result).toMatchObject({ ok: true, port: gw.port });
    const message = await invoke({ tool: 'message', args: { channel: 'telegram', to: '1', text: 'hi' } });
    expect(message.status).toBe(404);
    const body = await message.json();
    expect(body).toMatchObject({ ok: false, error: { type: 'not_found' } });
    expect(body.error.message).toContain('gateway.http.toolsInvoke.allow');
  });

  it('404 for unknown tools and tools the agent policy denies', async () => {
    expect((await invoke({ tool: 'no_such_tool' })).status).toBe(404);
    const denied = await invoke({ tool: 'sessions_list', agentId: 'locked' });
    expect(denied.status).toBe(404);
    expect((await denied.json()).error.message).toMatch(/not allowed for agent locked/);
    const viaHeader = await invoke({ tool: 'sessions_list' }, { 'x-moltbot-agent-id': 'locked' });
    expect(viaHeader.status).toBe(404);
  });

  it('400 for invalid arguments (schema checked before running) and bad bodies; dryRun validates only', async () => {
    const bad = await invoke({ tool: 'sessions_history', args: { limit: 3 } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      ok: false,
      error: { type: 'invalid_request', message: expect.stringContaining('sessionKey') },
    });
    expect((await invoke({ args: {} })).status).toBe(400);
    expect((await invoke({ tool: 'sessions_list', args: [1] })).status).toBe(400);
    const dry = await invoke({ tool: 'sessions_history', args: { sessionKey: 'agent:main:main' }, dryRun: true });
    expect(await dry.json()).toEqual({ ok: true, result: { dryRun: true, tool: 'sessions_history', valid: true } });
    const failing = await invoke({ tool: 'sessions_history', args: { sessionKey: 'agent:main:nothing-here' } });
    expect(failing.status).toBe(404);
  });

  it('401 without the bearer secret, 405 for GET, 415 for non-JSON, 413 over 2 MB', async () => {
    const noAuth = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"tool":"sessions_list"}',
    });
    expect(noAuth.status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${gw.token}` } })).status).toBe(405);
    expect((await invoke('tool=sessions_list', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(
      415,
    );
    const huge = await invoke({ tool: 'sessions_list', args: { pad: 'x'.repeat(2 * 1024 * 1024 + 10) } });
    expect(huge.status).toBe(413);
  });
});
