import fs from 'node:fs';
import path from 'node:path';
import { type DeviceIdentity, identityDir, loadOrCreateDeviceIdentity } from '../cli/device-identity.js';

/** A device token a gateway issued to this node. */
export interface StoredNodeToken {
  token: string;
  role: string;
  scopes: string[];
  issuedAtMs?: number;
}

interface TokenFile {
  version: 1;
  /** Keyed by gateway URL: one node may be paired with several gateways. */
  gateways: Record<string, StoredNodeToken>;
}

/**
 * What `moltbot node run` keeps in `<stateDir>/node/`: its own device key
 * (`identity/device.json`, the same format as the CLI's `<stateDir>/identity/device.json`, but a
 * key of its own so pairing the node never touches the CLI's pairing) and the device tokens
 * gateways issued to it (`device-auth.json`), mode 0600 in 0700 folders.
 */
export class NodeState {
  readonly dir: string;

  constructor(stateDir: string) {
    this.dir = path.join(stateDir, 'node');
  }

  get identityFile(): string {
    return path.join(identityDir(this.dir), 'device.json');
  }

  get tokenFile(): string {
    return path.join(this.dir, 'device-auth.json');
  }

  identity(): DeviceIdentity {
    return loadOrCreateDeviceIdentity(this.dir);
  }

  token(url: string): StoredNodeToken | undefined {
    return this.read().gateways[url];
  }

  saveToken(url: string, token: StoredNodeToken): void {
    const file = this.read();
    file.gateways[url] = token;
    this.write(file);
  }

  forgetToken(url: string): void {
    const file = this.read();
    delete file.gateways[url];
    this.write(file);
  }

  private read(): TokenFile {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.tokenFile, 'utf8')) as TokenFile;
      return parsed.version === 1 && parsed.gateways ? parsed : { version: 1, gateways: {} };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, gateways: {} };
      throw err;
    }
  }

  private write(file: TokenFile): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.tokenFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, this.tokenFile);
  }
}
