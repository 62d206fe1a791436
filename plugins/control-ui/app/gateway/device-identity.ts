/**
 * The browser's device identity: an Ed25519 key pair made with WebCrypto, its private half not
 * extractable, kept in IndexedDB for this gateway's origin. Like every Moltbot client it signs
 * `v2|<deviceId>|<clientId>|<mode>|<role>|<scopes>|<signedAt>|<token>|<nonce>` (PROTOCOL.md
 * "Device identity"). The device token the gateway issues for it is kept beside it, so this
 * browser can reconnect without the shared secret; "Sign out" forgets both.
 */
export interface DeviceIdentity {
  id: string;
  publicKey: string;
  sign(payload: string): Promise<string>;
}

export interface StoredDeviceToken {
  token: string;
  role: string;
  scopes: string[];
  issuedAtMs?: number;
}

interface KeyRecord {
  id: string;
  publicKey: string;
  keys: CryptoKeyPair;
}

const DB_NAME = 'moltbot-control-ui';
const STORE = 'device';

export function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = '';
  for (const b of view) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Why there is no device identity here, for the login page; undefined when one can be made. */
export function deviceIdentityUnavailableReason(): string | undefined {
  if (!window.isSecureContext || !crypto.subtle)
    return (
      'this page is not a secure context (plain HTTP on a non-loopback address), so the browser offers no ' +
      'WebCrypto: use HTTPS (gateway.tls or Tailscale Serve) for a device identity'
    );
  if (typeof indexedDB === 'undefined') return 'this browser keeps no IndexedDB storage for the page';
  return undefined;
}

async function createKeyRecord(): Promise<KeyRecord> {
  const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = await crypto.subtle.exportKey('raw', keys.publicKey);
  return { id: hex(await crypto.subtle.digest('SHA-256', raw)), publicKey: base64url(raw), keys };
}

/** The stored identity, made on first use; undefined where WebCrypto Ed25519 or IndexedDB is missing. */
export async function loadDeviceIdentity(): Promise<DeviceIdentity | undefined> {
  if (deviceIdentityUnavailableReason()) return undefined;
  try {
    let record = await withStore<KeyRecord | undefined>('readonly', (s) => s.get('key'));
    if (!record) {
      record = await createKeyRecord();
      await withStore('readwrite', (s) => s.put(record, 'key'));
    }
    const { keys, id, publicKey } = record;
    return {
      id,
      publicKey,
      sign: async (payload) =>
        base64url(await crypto.subtle.sign({ name: 'Ed25519' }, keys.privateKey, new TextEncoder().encode(payload))),
    };
  } catch {
    // Ed25519 missing from this browser's WebCrypto, or storage refused: connect without one.
    return undefined;
  }
}

export async function loadDeviceToken(): Promise<StoredDeviceToken | undefined> {
  if (deviceIdentityUnavailableReason()) return undefined;
  try {
    return await withStore<StoredDeviceToken | undefined>('readonly', (s) => s.get('token'));
  } catch {
    return undefined;
  }
}

export async function saveDeviceToken(token: StoredDeviceToken): Promise<void> {
  await withStore('readwrite', (s) => s.put(token, 'token')).catch(() => undefined);
}

export async function forgetDeviceToken(): Promise<void> {
  await withStore('readwrite', (s) => s.delete('token')).catch(() => undefined);
}

/** The exact string a device signs for a v2 connect. */
export function signedPayload(f: {
  deviceId: string;
  clientId: string;
  clientMode: string;
  role: string;
  scopes: readonly string[];
  signedAt: number;
  token: string | undefined;
  nonce: string;
}): string {
  return [
    'v2',
    f.deviceId,
    f.clientId,
    f.clientMode,
    f.role,
    f.scopes.join(','),
    String(f.signedAt),
    f.token ?? '',
    f.nonce,
  ].join('|');
}
