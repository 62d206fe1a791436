import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { startTestGateway, type TestGateway } from '../../sdk/testing.js';

let tg: TestGateway;
let c: GatewayClient;

beforeAll(async () => {
  tg = await startTestGateway({ plugins: [], config: { logging: { level: 'info' } } });
  c = await tg.client();
});
afterAll(async () => {
  c?.close();
  await tg?.close();
});

describe('config.patch / config.set with dryRun (review before apply)', () => {
  it('validates and plans a valid edit without writing or applying it', async () => {
    const before = await c.request('config.get');
    const file = fs.readFileSync(tg.configPath, 'utf8');
    const plan = await c.request('config.patch', {
      patch: { logging: { level: 'debug' } },
      baseHash: before.hash,
      dryRun: true,
    });
    expect(plan).toMatchObject({ ok: true, dryRun: true, changed: ['logging.level'], restart: false, plugins: {} });
    expect(plan.hash).toBe(before.hash);
    expect(fs.readFileSync(tg.configPath, 'utf8')).toBe(file);
    expect((await c.request('config.get')).config.logging.level).toBe('info');
    // A port change would restart: the plan says so, and still nothing happens.
    const raw = JSON.stringify({ ...before.config, gateway: { ...before.config.gateway, port: 1 } });
    expect(await c.request('config.set', { raw, dryRun: true })).toMatchObject({ dryRun: true, restart: true });
    expect((await c.request('status')).port).toBe(tg.port);
  });

  it('refuses an invalid edit with the failing path, as a real write would', async () => {
    const err = await c
      .request('config.patch', { patch: { gateway: { port: 'x' } }, dryRun: true })
      .catch((e: { error: { code: string; message: string; details: { issues: Array<{ path: string }> } } }) => e);
    expect(err.error.code).toBe('INVALID_REQUEST');
    expect(err.error.message).toContain('gateway.port');
    expect(err.error.details.issues[0]!.path).toBe('gateway.port');
  });
});
