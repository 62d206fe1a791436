import net from 'node:net';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { preparedStatement } from '../../sdk/index.js';
import type { BrowserConfig } from './config-schema.js';
import { browserError } from './errors.js';

export const MIGRATIONS = [
  `CREATE TABLE browser_profiles (
     name TEXT PRIMARY KEY,
     cdp_port INTEGER,
     color TEXT,
     created INTEGER NOT NULL,
     created_at INTEGER NOT NULL
   )`,
];

export const MANAGED_PROFILE = 'clawd';
export const RELAY_PROFILE = 'chrome';
const NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;

export interface BrowserProfile {
  name: string;
  /** clawd: a Chromium the gateway launches (or attaches to); extension: Chrome through the relay. */
  driver: 'clawd' | 'extension';
  cdpPort: number;
  cdpUrl: string;
  color: string;
  /** config: browser.profiles; created: create-profile; builtin: clawd/chrome without config. */
  source: 'config' | 'created' | 'builtin';
  /** Launch it ourselves (a loopback CDP URL we own); false for cdpUrl and relay profiles. */
  launchable: boolean;
  userDataDir: string;
}

/**
 * Where profiles without a configured port get their CDP port: a range (`browser.cdpPortRange`,
 * by default gateway port + 11 … + 110), or `any-free` — a port the OS reports free when the
 * profile first needs one (the gateway itself is on port 0, so there is no port to count from).
 */
export type CdpPortSource = { start: number; end: number } | 'any-free';

/** The first port of the range no profile uses, or undefined when the range is full. */
export function allocateCdpPort(used: ReadonlySet<number>, range: { start: number; end: number }): number | undefined {
  for (let p = range.start; p <= range.end; p++) if (!used.has(p)) return p;
  return undefined;
}

interface Row {
  name: string;
  cdp_port: number | null;
  color: string | null;
  created: number;
}

/**
 * Profiles: those in `browser.profiles`, those made with create-profile (in the store), and the
 * built-in `clawd` (managed) and `chrome` (extension relay). A profile without a configured CDP
 * port gets one from the range once, and keeps it (stored), so its user-data dir and port stay
 * paired across restarts.
 */
export class BrowserProfiles {
  constructor(
    private readonly db: Database,
    private readonly config: BrowserConfig,
    private readonly relayPort: number,
    private readonly stateDir: string,
    private readonly cdpPortSource: CdpPortSource,
  ) {}

  list(): Promise<BrowserProfile[]> {
    const names = new Set([
      MANAGED_PROFILE,
      RELAY_PROFILE,
      ...Object.keys(this.config.profiles),
      ...this.rows().map((r) => r.name),
    ]);
    return Promise.all([...names].sort().map((n) => this.get(n)));
  }

  has(name: string): boolean {
    return (
      name === MANAGED_PROFILE ||
      name === RELAY_PROFILE ||
      this.config.profiles[name] !== undefined ||
      this.row(name)?.created === 1
    );
  }

  async get(name: string): Promise<BrowserProfile> {
    if (!this.has(name))
      throw browserError(
        'GW_ERR_BROWSER_PROFILE_UNKNOWN',
        `no browser profile "${name}" (moltbot browser profiles lists them; create-profile makes one)`,
      );
    const configured = this.config.profiles[name];
    const row = this.row(name);
    const source = configured ? 'config' : row?.created === 1 ? 'created' : 'builtin';
    const driver = configured?.driver ?? (name === RELAY_PROFILE && !configured ? 'extension' : 'clawd');
    const color = normalizeColor(
      configured?.color ?? row?.color ?? (driver === 'extension' ? '#00AA00' : this.config.color),
    );
    const userDataDir = path.join(this.stateDir, 'browser', name, 'user-data');
    if (driver === 'extension') {
      const url = configured?.cdpUrl ?? `http://127.0.0.1:${this.relayPort}`;
      return { name, driver, cdpPort: portOf(url), cdpUrl: url, color, source, launchable: false, userDataDir };
    }
    if (configured?.cdpUrl) {
      const url = configured.cdpUrl.replace(/\/$/, '');
      return { name, driver, cdpPort: portOf(url), cdpUrl: url, color, source, launchable: false, userDataDir };
    }
    const cdpPort = configured?.cdpPort ?? row?.cdp_port ?? (await this.allocate(name));
    return {
      name,
      driver,
      cdpPort,
      cdpUrl: `http://127.0.0.1:${cdpPort}`,
      color,
      source,
      launchable: true,
      userDataDir,
    };
  }

  async create(input: { name: string; color?: string; cdpPort?: number }): Promise<BrowserProfile> {
    if (!NAME.test(input.name))
      throw browserError(
        'GW_ERR_BROWSER_BAD_REQUEST',
        `profile name "${input.name}" is not allowed: ` +
          '1-32 lowercase letters, digits and "-", starting with a letter or digit',
      );
    if (this.has(input.name))
      throw browserError('GW_ERR_BROWSER_PROFILE_EXISTS', `profile "${input.name}" already exists`);
    if (input.cdpPort !== undefined && this.usedPorts().has(input.cdpPort))
      throw browserError('GW_ERR_BROWSER_BAD_REQUEST', `CDP port ${input.cdpPort} is already used by another profile`);
    const candidate = input.cdpPort === undefined ? await this.osFreePort() : undefined;
    // Synchronous from here to the INSERT, so no other allocation can take the same port.
    if (this.has(input.name))
      throw browserError('GW_ERR_BROWSER_PROFILE_EXISTS', `profile "${input.name}" already exists`);
    const port = input.cdpPort ?? this.takePort(candidate);
    preparedStatement(
      this.db,
      'INSERT INTO browser_profiles (name, cdp_port, color, created, created_at) VALUES (?, ?, ?, 1, ?) ' +
        'ON CONFLICT(name) DO UPDATE SET cdp_port = excluded.cdp_port, color = excluded.color, created = 1',
    ).run(input.name, port, input.color ? normalizeColor(input.color) : null, Date.now());
    return this.get(input.name);
  }

  /** Forget a created profile (its user-data dir is the caller's to remove). */
  async delete(name: string): Promise<BrowserProfile> {
    const profile = await this.get(name);
    if (profile.source === 'config')
      throw browserError(
        'GW_ERR_BROWSER_PROFILE_CONFIGURED',
        `profile "${name}" is defined in moltbot.json (browser.profiles.${name}): remove it there`,
      );
    if (profile.source === 'builtin' || name === this.config.defaultProfile)
      throw browserError('GW_ERR_BROWSER_PROFILE_CONFIGURED', `profile "${name}" is built in and cannot be deleted`);
    preparedStatement(this.db, 'DELETE FROM browser_profiles WHERE name = ?').run(name);
    return profile;
  }

  private async allocate(name: string): Promise<number> {
    const candidate = await this.osFreePort();
    // Synchronous from here to the INSERT, so no other allocation can take the same port; two
    // requests for the same new profile at once: the first one's port is the profile's.
    const stored = this.row(name)?.cdp_port;
    if (stored) return stored;
    const port = this.takePort(candidate);
    preparedStatement(
      this.db,
      'INSERT INTO browser_profiles (name, cdp_port, color, created, created_at) VALUES (?, ?, NULL, 0, ?)',
    ).run(name, port, Date.now());
    return port;
  }

  /** Every CDP port a profile holds (no allocation): the navigation policy keeps pages off them. */
  cdpPorts(): number[] {
    return [...this.usedPorts()];
  }

  private usedPorts(): Set<number> {
    const used = new Set<number>([this.relayPort]);
    for (const p of Object.values(this.config.profiles)) {
      if (p.cdpPort) used.add(p.cdpPort);
      if (p.cdpUrl) used.add(portOf(p.cdpUrl));
    }
    for (const r of this.rows()) if (r.cdp_port) used.add(r.cdp_port);
    return used;
  }

  /** With `any-free`: a port the OS names free now (one no profile holds, if it can); else undefined. */
  private async osFreePort(): Promise<number | undefined> {
    if (this.cdpPortSource !== 'any-free') return undefined;
    let port = await freeLoopbackPort();
    for (let tries = 0; tries < 20 && this.usedPorts().has(port); tries++) port = await freeLoopbackPort();
    return port;
  }

  /** The CDP port for a new profile: the range's first unused port, or the OS's candidate. */
  private takePort(candidate: number | undefined): number {
    const used = this.usedPorts();
    const source = this.cdpPortSource;
    if (source === 'any-free') {
      if (candidate !== undefined && !used.has(candidate)) return candidate;
      throw browserError(
        'GW_ERR_BROWSER_NO_CDP_PORT',
        'no free CDP port from the OS that no profile holds: try again, or set browser.cdpPortRange',
      );
    }
    const port = allocateCdpPort(used, source);
    if (port === undefined)
      throw browserError(
        'GW_ERR_BROWSER_NO_CDP_PORT',
        `no free CDP port in ${source.start}-${source.end}: delete a profile or widen browser.cdpPortRange`,
      );
    return port;
  }

  private rows(): Row[] {
    return preparedStatement(this.db, 'SELECT name, cdp_port, color, created FROM browser_profiles').all() as Row[];
  }

  private row(name: string): Row | undefined {
    return preparedStatement(this.db, 'SELECT name, cdp_port, color, created FROM browser_profiles WHERE name = ?').get(
      name,
    ) as Row | undefined;
  }
}

/** A port free on 127.0.0.1 right now (bound to 0, read back, closed). */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function portOf(url: string): number {
  const u = new URL(url);
  return Number(u.port || (u.protocol === 'https:' ? 443 : 80));
}

function normalizeColor(c: string): string {
  return (c.startsWith('#') ? c : `#${c}`).toUpperCase();
}
