import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deviceIdFromPublicKey, devicePayload, verifyDevice } from './device-signature.js';

function key() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  const raw = spki.subarray(spki.length - 32);
  return {
    publicKey: raw.toString('base64url'),
    id: crypto.createHash('sha256').update(raw).digest('hex'),
    privateKey,
  };
}

const fields = {
  clientId: 'cli',
  clientMode: 'cli',
  role: 'operator',
  scopes: ['operator.admin', 'operator.pairing'],
  token: 'tok',
};

function sign(k: ReturnType<typeof key>, signedAt: number, nonce?: string) {
  const device = { id: k.id, publicKey: k.publicKey, signedAt, nonce, signature: '' };
  device.signature = crypto
    .sign(null, Buffer.from(devicePayload(nonce === undefined ? 'v1' : 'v2', device, fields)), k.privateKey)
    .toString('base64url');
  return device;
}

describe('device signature', () => {
  it('the v2 payload is exactly the pipe-joined string existing clients sign', () => {
    expect(devicePayload('v2', { id: 'abc', signedAt: 42, nonce: 'n0' }, fields)).toBe(
      'v2|abc|cli|cli|operator|operator.admin,operator.pairing|42|tok|n0',
    );
    expect(devicePayload('v1', { id: 'abc', signedAt: 42 }, { ...fields, token: undefined })).toBe(
      'v1|abc|cli|cli|operator|operator.admin,operator.pairing|42|',
    );
  });

  it('device id is the hex SHA-256 of the raw 32-byte key', () => {
    const k = key();
    expect(deviceIdFromPublicKey(k.publicKey)).toBe(k.id);
    expect(deviceIdFromPublicKey(Buffer.alloc(31).toString('base64url'))).toBeUndefined();
  });

  it('accepts a v2 signature over the challenge nonce, from anywhere', () => {
    const k = key();
    const now = 1_700_000_000_000;
    expect(verifyDevice(sign(k, now, 'nonce-1'), fields, 'nonce-1', false, now)).toEqual({ ok: true, version: 'v2' });
  });

  it('refuses another nonce, a changed field, a stale or future signedAt', () => {
    const k = key();
    const now = 1_700_000_000_000;
    expect(verifyDevice(sign(k, now, 'nonce-1'), fields, 'nonce-2', true, now).ok).toBe(false);
    expect(verifyDevice(sign(k, now, 'nonce-1'), { ...fields, role: 'node' }, 'nonce-1', true, now).ok).toBe(false);
    expect(verifyDevice(sign(k, now - 10 * 60 * 1000 - 1, 'n'), fields, 'n', true, now).ok).toBe(false);
    expect(verifyDevice(sign(k, now + 10 * 60 * 1000 + 1, 'n'), fields, 'n', true, now).ok).toBe(false);
    expect(verifyDevice(sign(k, now - 9 * 60 * 1000, 'n'), fields, 'n', true, now).ok).toBe(true);
  });

  it('v1 (no nonce) only from loopback', () => {
    const k = key();
    const now = Date.now();
    expect(verifyDevice(sign(k, now), fields, 'ignored', true, now)).toEqual({ ok: true, version: 'v1' });
    const remote = verifyDevice(sign(k, now), fields, 'ignored', false, now);
    expect(remote.ok).toBe(false);
    expect(remote).toMatchObject({ reason: expect.stringContaining('nonce') });
  });

  it('refuses an id that is not the key hash', () => {
    const k = key();
    const d = { ...sign(k, Date.now(), 'n'), id: 'f'.repeat(64) };
    expect(verifyDevice(d, fields, 'n', true)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('device.id'),
    });
  });
});
