import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../kernel/config/config-file.js';
import { identityDir } from './device-identity.js';

interface StoredToken {
  token: string;
  role: string;
  scopes: string[];
  updatedAtMs: number;
}

interface StoredTokens {
  version: 1;
  deviceId: string;
  /** Keyed by `<gateway url>|<role>`: a token one gateway issued is never sent to another. */
  tokens: Record<string, StoredToken>;
}

/**
 * The device tokens gateways issued to this machine's device identity, in
 * `<stateDir>/identity/gateway-tokens.json` (mode 0600). Kept per gateway URL (the existing
 * CLI keeps one per role, and would hand one gateway's token to another).
 */
export class DeviceTokenStore {
  private readonly file: string;

  constructor(
    stateDir: string,
    private readonly deviceId: string,
  ) {
    this.file = path.join(identityDir(stateDir), 'gateway-tokens.json');
  }

  get(url: string, role: string): string | undefined {
    return this.read().tokens[key(url, role)]?.token;
  }

  set(url: string, role: string, token: string, scopes: string[]): void {
    const data = this.read();
    data.tokens[key(url, role)] = { token, role, scopes, updatedAtMs: Date.now() };
    this.write(data);
  }

  delete(url: string, role: string): void {
    const data = this.read();
    if (!(key(url, role) in data.tokens)) return;
    delete data.tokens[key(url, role)];
    this.write(data);
  }

  private read(): StoredTokens {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<StoredTokens>;
      // Tokens of another identity (the key was replaced) are worthless: start over.
      if (parsed.deviceId === this.deviceId && parsed.tokens && typeof parsed.tokens === 'object') {
        return { version: 1, deviceId: this.deviceId, tokens: parsed.tokens };
      }
    } catch {
      /* missing or unreadable: no tokens */
    }
    return { version: 1, deviceId: this.deviceId, tokens: {} };
  }

  private write(data: StoredTokens): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileAtomic(this.file, `${JSON.stringify(data, null, 2)}\n`, 0o600);
  }
}

function key(url: string, role: string): string {
  return `${url.replace(/\/+$/, '')}|${role}`;
}
