import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GatewayClient } from '../../sdk/client/gateway-client.js';
import { connectFrame, connectRaw, openRaw } from '../kernel/raw-socket.js';
import { startReady } from '../kernel/start-gateway.js';
import type { GatewayProcess } from '../support/gateway-process.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const TOKEN = 'scopes-token-0123456789abcdefghijklmnopq';
const PROVIDER_KEY = 'sk-provider-secret-0123456789abcdef';
let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startReady({
    token: TOKEN,
    args: ['--verbose'],
    config: {
      gateway: { auth: { token: TOKEN, rateLimit: { maxFailures: 1000 } } },
      models: {
        providers: {
          fake: {
            baseUrl: 'http://127.0.0.1:9',
            apiKey: PROVIDER_KEY,
            api: 'openai-completions',
            models: [{ id: 'm' }],
          },
        },
      },
    },
  });
});
afterAll(async () => {
  await gw?.stop();
});

/** What a read-only operator may call: everything else must answer FORBIDDEN. */
const READ_ONLY = new RegExp(
  '^(health|status|system-presence|config\\.get|config\\.schema|logs\\.tail|plugins\\.list|channels\\.status|' +
    'sessions\\.(list|preview)|chat\\.history|agent\\.wait|cron\\.(list|status|runs)|last-heartbeat|models\\.list|' +
    'agents\\.list|agent\\.identity\\.get|usage\\.cost|sessions\\.(usage|resolve)|sandbox\\.(explain|list)|' +
    'node\\.(list|describe)|.*\\.ping)$',
);
const MUST_BE_FORBIDDEN = [
  'send',
  'agent',
  'chat.send',
  'config.set',
  'config.patch',
  'config.apply',
  'gateway.restart',
  'plugins.reload',
  'device.token.rotate',
  'device.token.revoke',
  'system-event',
];

describe('scope escalation on every method', () => {
  it('an operator.read connection is refused FORBIDDEN on every method beyond read', async () => {
    const c = await GatewayClient.connect({ url: gw.url, token: TOKEN, scopes: ['operator.read'] });
    const methods: string[] = c.hello.features.methods;
    for (const name of MUST_BE_FORBIDDEN.filter((m) => methods.includes(m))) expect(methods).toContain(name);
    expect(methods.filter((m) => MUST_BE_FORBIDDEN.includes(m)).length).toBeGreaterThan(5);
    const wrong: string[] = [];
    for (const method of methods) {
      const err = await c.request(method, {}, { timeoutMs: 10_000 }).then(
        () => undefined,
        (e) => e,
      );
      const forbidden = err?.error?.code === 'FORBIDDEN';
      if (READ_ONLY.test(method) === forbidden) wrong.push(`${method}: ${err?.error?.code ?? 'answered'}`);
    }
    // Every mismatch at once: a new read method is either added to READ_ONLY or given a write scope.
    expect(wrong).toEqual([]);
    c.close();
  });

  it('a node connection holds no operator scope at all', async () => {
    const c = await GatewayClient.connect({ url: gw.url, token: TOKEN, role: 'node', clientMode: 'node' });
    for (const method of ['status', 'config.get', 'send', 'config.patch', 'logs.tail']) {
      const err = await c.request(method, {}).catch((e) => e);
      expect(err?.error?.code, method).toBe('FORBIDDEN');
    }
    c.close();
  });

  it('asking for a scope that does not exist is refused at connect', async () => {
    const s = await openRaw(gw.url);
    const res = await connectRaw(s, connectFrame(TOKEN, { scopes: ['operator.root'] }));
    expect(res.error.code).toBe('INVALID_REQUEST');
  });
});

describe('secret redaction', () => {
  it('config.get, status, health and errors never carry the gateway token or a provider key', async () => {
    const c = await gw.client({ token: TOKEN });
    const seen = JSON.stringify([
      await c.request('config.get'),
      await c.request('status'),
      await c.request('health'),
      await c.request('config.set', { path: 'gateway.auth.token', value: 5 }).catch((e) => e.error),
      await c
        .request('config.patch', { patch: { models: { providers: { fake: { apiKey: 1 } } } } })
        .catch((e) => e.error),
    ]);
    expect(seen).not.toContain(TOKEN);
    expect(seen).not.toContain(PROVIDER_KEY);
    c.close();
  });

  it('the gateway log (verbose: handshakes and frames) holds neither', async () => {
    const c = await gw.client({ token: TOKEN });
    await c.request('health');
    c.close();
    const log = fs.readFileSync(path.join(gw.stateDir, 'logs', 'gateway.log'), 'utf8');
    expect(log).toContain('client connected');
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain(PROVIDER_KEY);
    expect(gw.output()).not.toContain(TOKEN);
  });
});

describe('log injection', () => {
  it('a client id with newlines and a forged JSON log line stays one escaped field', async () => {
    const forged = 'x"}\n{"level":60,"msg":"FORGED gateway compromised"}\n';
    const s = await openRaw(gw.url);
    await connectRaw(s, connectFrame(TOKEN, { client: { id: forged, version: '1', platform: 'linux', mode: forged } }));
    s.ws.close();
    await new Promise((r) => setTimeout(r, 300));
    const lines = fs
      .readFileSync(path.join(gw.stateDir, 'logs', 'gateway.log'), 'utf8')
      .trim()
      .split('\n');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.some((l) => JSON.parse(l).msg === 'FORGED gateway compromised')).toBe(false);
  });
});
