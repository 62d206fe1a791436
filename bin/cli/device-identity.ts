import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../kernel/config/config-file.js';
import { CliError } from './cli-error.js';

/** SPKI DER prefix of an Ed25519 public key; the raw 32 bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * This machine's device identity as the existing Moltbot CLI keeps it: an Ed25519 key pair in
 * `<stateDir>/identity/device.json` (mode 0600), the id = hex SHA-256 of the raw public key. An
 * identity the existing CLI created is used as it is (same file, same fields).
 */
export interface DeviceIdentity {
  deviceId: string;
  /** Raw 32-byte public key, base64url (what `device.publicKey` carries). */
  publicKey: string;
  privateKey: crypto.KeyObject;
}

interface StoredIdentity {
  version: 1;
  deviceId: string;
  publicKeyPem: string;
  privateKeyPem: string;
  createdAtMs: number;
}

export function identityDir(stateDir: string): string {
  return path.join(stateDir, 'identity');
}

export function loadOrCreateDeviceIdentity(stateDir: string): DeviceIdentity {
  const file = path.join(identityDir(stateDir), 'device.json');
  let text: string | undefined;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text !== undefined) return parseIdentity(text, file);
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  const stored: StoredIdentity = {
    version: 1,
    deviceId: crypto.createHash('sha256').update(raw).digest('hex'),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    createdAtMs: Date.now(),
  };
  fs.mkdirSync(identityDir(stateDir), { recursive: true, mode: 0o700 });
  writeFileAtomic(file, `${JSON.stringify(stored, null, 2)}\n`, 0o600);
  return { deviceId: stored.deviceId, publicKey: raw.toString('base64url'), privateKey };
}

function parseIdentity(text: string, file: string): DeviceIdentity {
  const fail = (why: string) =>
    new CliError(
      'GW_ERR_CLI_CONFIG_INVALID',
      `${file}: ${why}; move it aside to create a new device identity (the gateway will ask to pair it again)`,
    );
  let stored: Partial<StoredIdentity>;
  try {
    stored = JSON.parse(text) as Partial<StoredIdentity>;
  } catch {
    throw fail('not valid JSON');
  }
  if (typeof stored.privateKeyPem !== 'string') throw fail('no privateKeyPem');
  let privateKey: crypto.KeyObject;
  try {
    privateKey = crypto.createPrivateKey(stored.privateKeyPem);
  } catch {
    throw fail('privateKeyPem is not a private key');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw fail('the key is not Ed25519');
  const raw = rawPublicKey(crypto.createPublicKey(privateKey));
  const deviceId = crypto.createHash('sha256').update(raw).digest('hex');
  if (stored.deviceId && stored.deviceId !== deviceId) throw fail('deviceId does not match the key');
  return { deviceId, publicKey: raw.toString('base64url'), privateKey };
}

function rawPublicKey(key: crypto.KeyObject): Buffer {
  const spki = key.export({ format: 'der', type: 'spki' });
  if (!spki.subarray(0, ED25519_SPKI_PREFIX.length).equals(ED25519_SPKI_PREFIX)) {
    throw new Error('not an Ed25519 public key');
  }
  return spki.subarray(ED25519_SPKI_PREFIX.length);
}

export interface SignedConnect {
  clientId: string;
  clientMode: string;
  role: string;
  scopes: readonly string[];
  token: string | undefined;
  nonce: string;
}

/** The connect `device` block: Ed25519 over the v2 payload (PROTOCOL.md "Device identity"). */
export function signConnect(identity: DeviceIdentity, f: SignedConnect, now = Date.now()): Record<string, unknown> {
  const payload = [
    'v2',
    identity.deviceId,
    f.clientId,
    f.clientMode,
    f.role,
    f.scopes.join(','),
    String(now),
    f.token ?? '',
    f.nonce,
  ].join('|');
  const signature = crypto.sign(null, Buffer.from(payload, 'utf8'), identity.privateKey).toString('base64url');
  return { id: identity.deviceId, publicKey: identity.publicKey, signature, signedAt: now, nonce: f.nonce };
}
