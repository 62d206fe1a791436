import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startReady } from '../kernel/start-gateway.js';
import { eventually } from '../support/eventually.js';
import type { GatewayProcess } from '../support/gateway-process.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

// Issue 10: a model provider and a Telegram Bot API that accept connections and never answer
// (a blackhole, not a refusal). The gateway must not exit or hang; status must say which
// outside service is failing and why, while everything else keeps answering.
const TOKEN = 'blackhole-token-0123456789abcdefghijk';
let blackhole: net.Server;
const held = new Set<net.Socket>();
let gw: GatewayProcess;

beforeAll(async () => {
  blackhole = net.createServer((socket) => {
    held.add(socket);
    socket.on('data', () => undefined); // read the request, answer nothing, ever
    socket.on('close', () => held.delete(socket));
  });
  await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
  const port = (blackhole.address() as net.AddressInfo).port;
  gw = await startReady({
    token: TOKEN,
    config: {
      gateway: { auth: { token: TOKEN } },
      models: {
        providers: {
          void: {
            baseUrl: `http://127.0.0.1:${port}/v1`,
            apiKey: 'blackhole-key',
            api: 'openai-completions',
            models: [{ id: 'silent' }],
            maxRetries: 0,
            timeoutMs: 1000,
          },
        },
      },
      agents: { defaults: { model: { primary: 'void/silent' } } },
      channels: {
        telegram: {
          apiRoot: `http://127.0.0.1:${port}`,
          botToken: '123456:blackholed-bot-token',
          pollTimeoutSeconds: 0,
          requestTimeoutSeconds: 1,
          dmPolicy: 'allowlist',
          allowFrom: ['1'],
        },
      },
    },
  });
});

afterAll(async () => {
  await gw?.stop();
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => blackhole.close(resolve));
});

describe('blackholed outside services', () => {
  it('an agent run against a silent provider ends with a timeout error and status names the provider', async () => {
    const c = await gw.client({ token: TOKEN });
    const outcome = await c.request('agent', { message: 'anyone there?', idempotencyKey: 'blackhole-run-1' }).then(
      (payload) => ({ ok: true as const, payload }),
      (err: Error & { code?: string }) => ({ ok: false as const, err }),
    );
    expect(outcome.ok).toBe(false);
    const status = await c.request('status');
    const provider = status.modelProviders?.void;
    expect(provider?.ok).toBe(false);
    expect(provider?.lastError?.model).toBe('void/silent');
    expect(provider?.lastError?.message).toMatch(/timeout|no byte|did not answer|within/i);
    c.close();
  });

  it('a silent Bot API shows as a network error on the Telegram account, which keeps retrying', async () => {
    const c = await gw.client({ token: TOKEN });
    const account = await eventually(async () => {
      const status = await c.request('status');
      const a = status.channels?.telegram?.accounts?.[0];
      if (!a?.lastError) throw new Error(`no error on the account yet: ${JSON.stringify(a)}`);
      return a;
    }, 20_000);
    expect(account.linked).toBe(false);
    expect(account.state).toBe('retrying');
    expect(account.lastError).toMatch(/network error/);
    expect(account.lastError).not.toContain('blackholed-bot-token');
    c.close();
  });

  it('the gateway stays up and answers everything else at once', async () => {
    const c = await gw.client({ token: TOKEN });
    const started = Date.now();
    const health = await c.request('health');
    expect(health.ok, JSON.stringify(health)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(gw.proc.exitCode).toBeNull();
    c.close();
  });
});
