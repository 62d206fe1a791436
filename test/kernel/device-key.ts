import crypto from 'node:crypto';

/**
 * A device identity as the existing Moltbot CLI keeps one: an Ed25519 key pair, the raw public
 * key (last 32 bytes of the SPKI DER) in base64url, and the id = hex SHA-256 of those bytes.
 */
export interface DeviceKey {
  id: string;
  publicKey: string;
  privateKey: crypto.KeyObject;
}

export function newDeviceKey(): DeviceKey {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  const raw = spki.subarray(spki.length - 32);
  return {
    id: crypto.createHash('sha256').update(raw).digest('hex'),
    publicKey: raw.toString('base64url'),
    privateKey,
  };
}

export interface SignInput {
  clientId: string;
  clientMode: string;
  role: string;
  scopes: string[];
  token: string | undefined;
  nonce?: string;
  signedAt?: number;
}

/** The `device` block: signature over `v2|id|clientId|mode|role|scopes|signedAt|token|nonce` (v1 without nonce). */
export function signDevice(key: DeviceKey, input: SignInput): Record<string, unknown> {
  const signedAt = input.signedAt ?? Date.now();
  const parts = [
    input.nonce === undefined ? 'v1' : 'v2',
    key.id,
    input.clientId,
    input.clientMode,
    input.role,
    input.scopes.join(','),
    String(signedAt),
    input.token ?? '',
  ];
  if (input.nonce !== undefined) parts.push(input.nonce);
  const signature = crypto.sign(null, Buffer.from(parts.join('|'), 'utf8'), key.privateKey).toString('base64url');
  return {
    id: key.id,
    publicKey: key.publicKey,
    signature,
    signedAt,
    ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
  };
}
