import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const KEY_FILE = 'device-token.key';

/**
 * The gateway's key for deriving device tokens (32 random bytes, created once, mode 0600 in
 * the credentials folder). Tokens are derived from it and a per-device salt, so the gateway can
 * hand the same token to a device that proves the shared secret again while the database keeps
 * only hashes. Kept out of the database on purpose: a copy of the database alone yields no token.
 */
export function loadOrCreateDeviceTokenKey(credentialsDir: string): Buffer {
  const file = path.join(credentialsDir, KEY_FILE);
  try {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
    if (key.length === 32) return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  // Missing or damaged: a new key. Tokens derived from the old one stop being re-derivable, so
  // each device gets a new token on its next shared-secret connect; its current one still works.
  fs.mkdirSync(credentialsDir, { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${key.toString('base64url')}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return key;
}
