import { afterAll, describe, expect, it, vi } from 'vitest';
import { agentConfig, FAKE_KEY_ENV } from '../agent/agent-harness.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { startReady } from '../kernel/start-gateway.js';
import type { GatewayProcess } from '../support/gateway-process.js';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 60_000 });

// Issue 10: kill -9 in the middle of an agent turn. What was acknowledged (the accepted run and
// the user's message) is still there after the restart; the cut run is recorded as an error
// saying why, never left "running" and never silently run again.
const TOKEN = 'kill9-agent-token-0123456789abcdefghij';
const SESSION = 'agent:main:kill9-turn';
let fake: FakeModelProvider;
let gw: GatewayProcess | undefined;

afterAll(async () => {
  await gw?.stop();
  await fake?.close();
});

describe('kill -9 during an agent turn', () => {
  it('keeps the accepted message, marks the run interrupted, and does not re-run it', async () => {
    fake = await startFakeModelProvider();
    fake.script({ hang: true });
    const config = { gateway: { auth: { token: TOKEN } }, ...agentConfig(fake) };
    gw = await startReady({ token: TOKEN, config, env: FAKE_KEY_ENV });
    const home = gw.home;
    const c = await gw.client({ token: TOKEN });
    let accepted: { runId: string } | undefined;
    const final = c
      .request(
        'agent',
        { message: 'remember the milk', sessionKey: SESSION, idempotencyKey: 'kill9-turn-1' },
        { onAccepted: (p) => (accepted = p) },
      )
      .catch(() => undefined);
    await fake.waitForRequest((r) => JSON.stringify(r.body ?? '').includes('remember the milk'), 20_000);
    expect(accepted?.runId).toBeTruthy();
    gw.signal('SIGKILL');
    await gw.waitExit(10_000);
    await final;
    const requestsBefore = fake.requests.length;

    gw = await startReady({ token: TOKEN, home, config, env: FAKE_KEY_ENV });
    const c2 = await gw.client({ token: TOKEN });
    const history = await c2.request('chat.history', { sessionKey: SESSION });
    expect(JSON.stringify(history.messages)).toContain('remember the milk');
    const run = await c2.request('agent.wait', { runId: accepted!.runId, timeoutMs: 1000 });
    expect(run.status).toBe('error');
    expect(JSON.stringify(run.error)).toMatch(/stopped before this run finished/);
    // Nothing re-ran the cut turn on its own after the restart.
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.requests.length).toBe(requestsBefore);
    c2.close();
  });
});
