import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectFrame, connectRaw, openRaw } from '../kernel/raw-socket.js';
import { startReady } from '../kernel/start-gateway.js';
import type { GatewayProcess } from '../support/gateway-process.js';
import { runCli, tempHome } from './run-cli.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

// Issue 10: our CLI keeps a device key, signs the challenge and prefers its device token, so a
// brute force from another local process cannot lock it out.
const TOKEN = 'cli-device-token-0123456789abcdefghijklm';
let gw: GatewayProcess;
const home = tempHome();
const stateDir = path.join(home, '.clawdbot');

beforeAll(async () => {
  gw = await startReady({ config: { gateway: { auth: { token: TOKEN, rateLimit: { maxFailures: 2 } } } } });
});
afterAll(async () => {
  await gw?.stop();
});

/** `--token` given: the secret is sent as given (and a device token is stored once issued). */
const status = (token: string | null = TOKEN) =>
  runCli(['status', '--json', '--url', gw.url, ...(token ? ['--token', token] : [])], { home });
const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('moltbot CLI device identity', () => {
  it('the first connect creates a 0600 Ed25519 device key, pairs, and stores the issued device token', async () => {
    const r = await status();
    expect(r.code, r.stderr).toBe(0);
    const key = path.join(stateDir, 'identity', 'device.json');
    const tokens = path.join(stateDir, 'identity', 'gateway-tokens.json');
    expect(mode(key)).toBe(0o600);
    expect(mode(tokens)).toBe(0o600);
    expect(mode(path.join(stateDir, 'identity'))).toBe(0o700);
    const identity = JSON.parse(fs.readFileSync(key, 'utf8'));
    expect(identity.deviceId).toMatch(/^[0-9a-f]{64}$/);
    expect(identity.privateKeyPem).toContain('PRIVATE KEY');
    const stored = JSON.parse(fs.readFileSync(tokens, 'utf8'));
    expect(stored.deviceId).toBe(identity.deviceId);
    expect(Object.keys(stored.tokens)).toEqual([`${gw.url}|operator`]);
    expect(stored.tokens[`${gw.url}|operator`].token).toMatch(/^[\w-]{43}$/);
  });

  it('with the shared budget spent by another local process, the CLI gets in with its device token', async () => {
    for (let i = 0; i < 2; i++) {
      const s = await openRaw(gw.url);
      await connectRaw(s, connectFrame(undefined, { auth: { token: `guess-${i}` } }));
      s.ws.close();
    }
    const s = await openRaw(gw.url);
    expect((await connectRaw(s, connectFrame(undefined, { auth: { token: TOKEN } }))).error.code).toBe('RATE_LIMITED');
    s.ws.close();
    // No secret on the command line: the CLI presents its stored device token.
    const r = await status(null);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain(String(gw.port));
  });
});

describe('an explicit secret', () => {
  it('is sent as given: a wrong --token is refused even though a device token is stored', async () => {
    const r = await status('not-the-token-at-all');
    expect(r.code).not.toBe(0);
  });
});
