import crypto from 'node:crypto';

/** SPKI DER prefix of an Ed25519 public key; the raw 32 bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** A signature's `signedAt` may differ from our clock by at most this much. */
export const SIGNED_AT_SKEW_MS = 10 * 60 * 1000;

export interface DeviceBlock {
  id: string;
  publicKey: string;
  signature: string;
  signedAt: number;
  nonce?: string;
}

export interface SignedFields {
  clientId: string;
  clientMode: string;
  role: string;
  scopes: readonly string[];
  token: string | undefined;
}

export type DeviceCheck = { ok: true; version: 'v1' | 'v2' } | { ok: false; reason: string };

/** The exact string a device signs (PROTOCOL.md "Device identity"). */
export function devicePayload(
  version: 'v1' | 'v2',
  device: { id: string; signedAt: number; nonce?: string },
  f: SignedFields,
): string {
  const base = [
    version,
    device.id,
    f.clientId,
    f.clientMode,
    f.role,
    f.scopes.join(','),
    String(device.signedAt),
    f.token ?? '',
  ];
  if (version === 'v2') base.push(device.nonce ?? '');
  return base.join('|');
}

export function deviceIdFromPublicKey(publicKeyB64url: string): string | undefined {
  const raw = Buffer.from(publicKeyB64url, 'base64url');
  if (raw.length !== 32) return undefined;
  return crypto.createHash('sha256').update(raw).digest('hex');
}

/**
 * Verify a device block: the id is the SHA-256 of the key, `signedAt` is fresh, and the
 * Ed25519 signature covers the v2 payload with our challenge nonce (v1 without nonce only from loopback).
 */
export function verifyDevice(
  device: DeviceBlock,
  fields: SignedFields,
  challengeNonce: string,
  isLoopback: boolean,
  now = Date.now(),
): DeviceCheck {
  const expectedId = deviceIdFromPublicKey(device.publicKey);
  if (!expectedId) return { ok: false, reason: 'device.publicKey must be a raw 32-byte Ed25519 key in base64url' };
  if (expectedId !== device.id.toLowerCase())
    return { ok: false, reason: 'device.id does not match the SHA-256 of device.publicKey' };
  if (!Number.isFinite(device.signedAt) || Math.abs(now - device.signedAt) > SIGNED_AT_SKEW_MS) {
    return { ok: false, reason: 'device.signedAt is more than 10 minutes from the gateway clock' };
  }
  const key = crypto.createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(device.publicKey, 'base64url')]),
    format: 'der',
    type: 'spki',
  });
  const signature = Buffer.from(device.signature, 'base64url');
  if (device.nonce !== undefined) {
    if (device.nonce !== challengeNonce)
      return { ok: false, reason: "device.nonce is not this connection's challenge nonce" };
    const ok = crypto.verify(null, Buffer.from(devicePayload('v2', device, fields), 'utf8'), key, signature);
    return ok ? { ok: true, version: 'v2' } : { ok: false, reason: 'device signature does not verify' };
  }
  if (!isLoopback) return { ok: false, reason: 'non-loopback devices must sign the challenge nonce (v2)' };
  const ok = crypto.verify(null, Buffer.from(devicePayload('v1', device, fields), 'utf8'), key, signature);
  return ok ? { ok: true, version: 'v1' } : { ok: false, reason: 'device signature does not verify' };
}
