import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayProcess } from '../support/gateway-process.js';
import { type DeviceKey, newDeviceKey, signDevice } from './device-key.js';
import { openRaw } from './raw-socket.js';
import { startReady } from './start-gateway.js';

let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startReady();
});
afterAll(async () => {
  await gw?.stop();
});

const CLI_SCOPES = ['operator.admin', 'operator.approvals', 'operator.pairing'];

interface Attempt {
  key: DeviceKey;
  token: string | undefined;
  scopes?: string[];
  role?: string;
  /** Change the signed block before sending. */
  tamper?: (device: Record<string, any>, nonce: string) => void;
  signedAt?: number;
  /** Sign without the nonce (v1). */
  v1?: boolean;
}

/** Connect exactly as the existing Moltbot CLI does on a fresh machine (protocol 3, device block signing the
 * challenge). */
async function connectAsCli(
  a: Attempt,
): Promise<{ res: any; close?: number; sock: Awaited<ReturnType<typeof openRaw>> }> {
  const sock = await openRaw(gw.url);
  const scopes = a.scopes ?? CLI_SCOPES;
  const role = a.role ?? 'operator';
  const device = signDevice(a.key, {
    clientId: 'cli',
    clientMode: 'cli',
    role,
    scopes,
    token: a.token,
    nonce: a.v1 ? undefined : sock.nonce,
    signedAt: a.signedAt,
  });
  a.tamper?.(device, sock.nonce);
  sock.send({
    type: 'req',
    id: 'connect-1',
    method: 'connect',
    params: {
      minProtocol: 3,
      maxProtocol: 3,
      client: { id: 'cli', version: '2026.1.5', platform: 'linux', mode: 'cli', instanceId: crypto.randomUUID() },
      caps: [],
      auth: a.token === undefined ? {} : { token: a.token },
      role,
      scopes,
      device,
    },
  });
  const res = await sock.next((f) => f.type === 'res' && f.id === 'connect-1');
  let close: number | undefined;
  if (!res.ok) close = (await sock.closed).code;
  return { res, close, sock };
}

async function admin() {
  return gw.client();
}

describe('device identity', () => {
  it('the Moltbot CLI connect (v2 signature over the nonce, shared token) gets hello-ok, a device token', async () => {
    const key = newDeviceKey();
    expect(key.publicKey).toHaveLength(43);
    expect(key.id).toMatch(/^[0-9a-f]{64}$/);
    const { res, sock } = await connectAsCli({ key, token: gw.token });
    expect(res.ok).toBe(true);
    expect(res.payload.protocol).toBe(3);
    expect(res.payload.auth).toMatchObject({ role: 'operator', scopes: CLI_SCOPES });
    expect(res.payload.auth.deviceToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(res.payload.auth.deviceToken).not.toBe(gw.token);
    expect(res.payload.auth.issuedAtMs).toBeGreaterThan(0);
    sock.ws.close();
  });

  it('the device token then works alone (no shared secret) for that device; listed without the token', async () => {
    const key = newDeviceKey();
    const first = await connectAsCli({ key, token: gw.token });
    const deviceToken = first.res.payload.auth.deviceToken;
    first.sock.ws.close();
    const later = await connectAsCli({ key, token: deviceToken });
    expect(later.res.ok).toBe(true);
    expect(later.res.payload.auth).toBeUndefined();
    later.sock.ws.close();

    const c = await admin();
    const { paired } = await c.request('device.pair.list');
    const rec = paired.find((d: any) => d.deviceId === key.id);
    expect(rec).toMatchObject({ deviceId: key.id, role: 'operator', publicKey: key.publicKey, clientId: 'cli' });
    expect(JSON.stringify(paired)).not.toContain(deviceToken);
    c.close();
  });

  it('a device proving the shared secret again keeps its token (only device.token.rotate replaces it)', async () => {
    const key = newDeviceKey();
    const a = await connectAsCli({ key, token: gw.token, scopes: ['operator.read'] });
    a.sock.ws.close();
    const b = await connectAsCli({ key, token: gw.token, scopes: ['operator.write'] });
    b.sock.ws.close();
    expect(b.res.payload.auth.deviceToken).toBe(a.res.payload.auth.deviceToken);
    expect(b.res.payload.auth.issuedAtMs).toBe(a.res.payload.auth.issuedAtMs);
    // The token now covers what either connect was granted.
    expect(b.res.payload.auth.scopes).toEqual(['operator.read', 'operator.write']);
    const ok = await connectAsCli({ key, token: a.res.payload.auth.deviceToken, scopes: ['operator.write'] });
    expect(ok.res.ok).toBe(true);
    ok.sock.ws.close();
  });

  it('a device token is refused without its device proof, or with another device key', async () => {
    const key = newDeviceKey();
    const first = await connectAsCli({ key, token: gw.token });
    const deviceToken = first.res.payload.auth.deviceToken;
    first.sock.ws.close();

    const alone = await openRaw(gw.url);
    alone.send({
      type: 'req',
      id: 'x',
      method: 'connect',
      params: {
        minProtocol: 3,
        maxProtocol: 7,
        client: { id: 'cli', version: '1', platform: 'linux', mode: 'cli' },
        auth: { token: deviceToken },
      },
    });
    const r = await alone.next((f) => f.id === 'x');
    expect(r.error.code).toBe('UNAUTHORIZED');
    expect((await alone.closed).code).toBe(1008);

    const thief = await connectAsCli({ key: newDeviceKey(), token: deviceToken });
    expect(thief.res.error.code).toBe('UNAUTHORIZED');
    expect(thief.close).toBe(1008);
  });

  it('a device token cannot widen the scopes it was issued for', async () => {
    const key = newDeviceKey();
    const first = await connectAsCli({ key, token: gw.token, scopes: ['operator.read'] });
    expect(first.res.payload.auth.scopes).toEqual(['operator.read']);
    const deviceToken = first.res.payload.auth.deviceToken;
    first.sock.ws.close();
    const same = await connectAsCli({ key, token: deviceToken, scopes: ['operator.read'] });
    expect(same.res.ok).toBe(true);
    same.sock.ws.close();
    // Asking for no scopes with a device token means the scopes it was issued for, not operator.admin.
    const none = await connectAsCli({ key, token: deviceToken, scopes: [] });
    expect(none.res.ok).toBe(true);
    none.sock.send({ type: 'req', id: 'w', method: 'system-event', params: { text: 'x' } });
    expect((await none.sock.next((f) => f.id === 'w')).error.code).toBe('FORBIDDEN');
    none.sock.send({ type: 'req', id: 'r', method: 'status' });
    expect((await none.sock.next((f) => f.id === 'r')).ok).toBe(true);
    none.sock.ws.close();
    const wider = await connectAsCli({ key, token: deviceToken, scopes: ['operator.admin'] });
    expect(wider.res.ok).toBe(false);
    expect(['UNAUTHORIZED', 'FORBIDDEN']).toContain(wider.res.error.code);
    expect(wider.res.error.message).toContain('operator.admin');
    expect(wider.res.error.details.errorCode).toBe('GW_ERR_SCOPE_FORBIDDEN');
    expect(wider.close).toBe(1008);
  });

  it('refuses a bad signature, a stale signedAt, a wrong nonce and an id that is not the key hash', async () => {
    const key = newDeviceKey();
    const cases: Array<[string, Partial<Attempt>, RegExp]> = [
      ['bad signature', { tamper: (d) => (d.signature = Buffer.alloc(64, 7).toString('base64url')) }, /signature/],
      ['stale signedAt', { signedAt: Date.now() - 11 * 60 * 1000 }, /signedAt/],
      ['wrong nonce', { tamper: (d) => (d.nonce = 'not-the-challenge-nonce') }, /nonce/],
      [
        'signed for other scopes',
        {
          tamper: (d) =>
            (d.signature = signDevice(key, {
              clientId: 'cli',
              clientMode: 'cli',
              role: 'operator',
              scopes: ['operator.read'],
              token: gw.token,
              nonce: d.nonce,
              signedAt: d.signedAt,
            }).signature),
        },
        /signature/,
      ],
      ['id mismatch', { tamper: (d) => (d.id = 'a'.repeat(64)) }, /device\.id/],
    ];
    for (const [name, attempt, why] of cases) {
      const { res, close } = await connectAsCli({ key, token: gw.token, ...attempt });
      expect(res.ok, name).toBe(false);
      expect(res.error.code, name).toBe('UNAUTHORIZED');
      expect(res.error.message, name).toMatch(why);
      expect(res.error.details.errorCode, name).toBe('GW_ERR_DEVICE_INVALID');
      expect(close, name).toBe(1008);
    }
  });

  it('accepts a v1 signature (no nonce) from loopback', async () => {
    const { res, sock } = await connectAsCli({ key: newDeviceKey(), token: gw.token, v1: true });
    expect(res.ok).toBe(true);
    expect(res.payload.auth.deviceToken).toBeDefined();
    sock.ws.close();
  });

  it('device.token.revoke makes the device token stop working; device.token.rotate issues a new one', async () => {
    const key = newDeviceKey();
    const first = await connectAsCli({ key, token: gw.token });
    const t1 = first.res.payload.auth.deviceToken;
    first.sock.ws.close();
    const c = await admin();

    const rotated = await c.request('device.token.rotate', { deviceId: key.id });
    expect(rotated.deviceToken).not.toBe(t1);
    expect((await connectAsCli({ key, token: t1 })).res.error.code).toBe('UNAUTHORIZED');
    const withNew = await connectAsCli({ key, token: rotated.deviceToken });
    expect(withNew.res.ok).toBe(true);
    withNew.sock.ws.close();

    expect(await c.request('device.token.revoke', { deviceId: key.id })).toMatchObject({
      ok: true,
      deviceId: key.id,
      role: 'operator',
    });
    const after = await connectAsCli({ key, token: rotated.deviceToken });
    expect(after.res.error.code).toBe('UNAUTHORIZED');
    expect(after.close).toBe(1008);
    // The shared secret still works for the device, and issues it a fresh token.
    const again = await connectAsCli({ key, token: gw.token });
    expect(again.res.payload.auth.deviceToken).toBeDefined();
    again.sock.ws.close();

    const unknown = await c.request('device.token.rotate', { deviceId: 'b'.repeat(64) }).catch((e) => e);
    expect(unknown.error.code).toBe('NOT_FOUND');
    c.close();
  });

  it('device.token.* need the operator.pairing scope', async () => {
    const c = await gw.client({ scopes: ['operator.write'] });
    const err = await c.request('device.token.revoke', { deviceId: 'c'.repeat(64) }).catch((e) => e);
    expect(err.error.code).toBe('FORBIDDEN');
    c.close();
  });
});
