import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeTailscaled, startFakeTailscaled } from '../fakes/tailscaled-localapi.js';
import { connectFrame, connectRaw, openRaw } from '../kernel/raw-socket.js';
import { startReady } from '../kernel/start-gateway.js';
import { eventually } from '../support/eventually.js';
import type { GatewayProcess } from '../support/gateway-process.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

// Issue 10, defect 4: with allowTailscale, Serve's identity headers from loopback were trusted
// as they came, so any local process could forge them and get operator.admin with no secret.
const TOKEN = 'tailscale-token-0123456789abcdefghijklmn';
const ALICE_IP = '100.101.102.103';
const SERVE = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'gateway.tail1234.ts.net' };
const aliceHeaders = (ip = ALICE_IP, login = 'alice@example.com') => ({
  'tailscale-user-login': login,
  'tailscale-user-name': 'Alice',
  'x-forwarded-for': ip,
  ...SERVE,
});

function config() {
  return {
    gateway: {
      auth: { token: TOKEN, allowTailscale: true, rateLimit: { maxFailures: 1000 } },
      http: { endpoints: { chatCompletions: { enabled: true } } },
    },
  };
}

async function connect(gw: GatewayProcess, headers: Record<string, string>, auth?: Record<string, string>) {
  const s = await openRaw(gw.url, headers);
  const res = await connectRaw(s, connectFrame(undefined, auth ? { auth } : {}));
  s.ws.close();
  return res;
}

function httpStatus(gw: GatewayProcess, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: gw.port, path: '/v1/models', headers, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

describe('Tailscale identity with tailscaled answering whois', () => {
  let tailscaled: FakeTailscaled;
  let gw: GatewayProcess;
  beforeAll(async () => {
    tailscaled = await startFakeTailscaled([
      { addresses: [ALICE_IP, 'fd7a:115c:a1e0::1'], login: 'alice@example.com' },
      { addresses: ['100.64.0.9'], login: 'bob@example.com' },
    ]);
    gw = await startReady({ config: config(), env: { CLAWDBOT_TAILSCALE_SOCKET: tailscaled.socketPath } });
  });
  afterAll(async () => {
    await gw?.stop();
    await tailscaled?.close();
  });

  it('accepts Serve headers whose forwarded address whois confirms belongs to that login (WS and HTTP)', async () => {
    const res = await connect(gw, aliceHeaders());
    expect(res.ok).toBe(true);
    expect(await httpStatus(gw, aliceHeaders())).toBe(200);
    expect(tailscaled.queries).toContain(ALICE_IP);
  });

  it('refuses a login that does not own the forwarded address (a forged header naming someone else)', async () => {
    const res = await connect(gw, aliceHeaders('100.64.0.9'));
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('UNAUTHORIZED');
    expect(await httpStatus(gw, aliceHeaders('100.64.0.9'))).toBe(401);
  });

  it('refuses a forwarded address that is no tailnet peer', async () => {
    const res = await connect(gw, aliceHeaders('203.0.113.7'));
    expect(res.error.code).toBe('UNAUTHORIZED');
    expect(await httpStatus(gw, aliceHeaders('203.0.113.7'))).toBe(401);
  });

  it('refuses the login header alone (without the forwarding headers Serve adds)', async () => {
    const res = await connect(gw, { 'tailscale-user-login': 'alice@example.com' });
    expect(res.error.code).toBe('UNAUTHORIZED');
  });

  it('the shared token still works beside unverifiable headers', async () => {
    const res = await connect(gw, aliceHeaders('203.0.113.7'), { token: TOKEN });
    expect(res.ok).toBe(true);
  });
});

describe('Tailscale identity without tailscaled', () => {
  let gw: GatewayProcess;
  beforeAll(async () => {
    const missing = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'no-tailscaled-')), 'tailscaled.sock');
    gw = await startReady({ config: config(), env: { CLAWDBOT_TAILSCALE_SOCKET: missing } });
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('a forged tailscale-user-login + x-forwarded-for from loopback gets nothing, and the log says why', async () => {
    const res = await connect(gw, aliceHeaders());
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('UNAUTHORIZED');
    expect(await httpStatus(gw, aliceHeaders())).toBe(401);
    await eventually(() => {
      const log = fs.readFileSync(path.join(gw.stateDir, 'logs', 'gateway.log'), 'utf8');
      expect(log).toMatch(/tailscale identity refused: tailscaled is not reachable/);
    });
  });
});
