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
    private readonly range: { start: number; end: number },
  ) {}

  list(): BrowserProfile[] {
    const names = new Set([
      MANAGED_PROFILE,
      RELAY_PROFILE,
      ...Object.keys(this.config.profiles),
      ...this.rows().map((r) => r.name),
    ]);
    return [...names].sort().map((n) => this.get(n));
  }

  has(name: string): boolean {
    return (
      name === MANAGED_PROFILE ||
      name === RELAY_PROFILE ||
      this.config.profiles[name] !== undefined ||
      this.row(name)?.created === 1
    );
  }

  get(name: string): BrowserProfile {
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
    const cdpPort = configured?.cdpPort ?? row?.cdp_port ?? this.allocate(name);
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

  create(input: { name: string; color?: string; cdpPort?: number }): BrowserProfile {
    if (!NAME.test(input.name))
      throw browserError(
        'GW_ERR_BROWSER_BAD_REQUEST',
        `profile name "${input.name}" is not allowed: ` +
          '1-32 lowercase letters, digits and "-", starting with a letter or digit',
      );
    if (this.has(input.name))
      throw browserError('GW_ERR_BROWSER_PROFILE_EXISTS', `profile "${input.name}" already exists`);
    const used = this.usedPorts();
    if (input.cdpPort !== undefined && used.has(input.cdpPort))
      throw browserError('GW_ERR_BROWSER_BAD_REQUEST', `CDP port ${input.cdpPort} is already used by another profile`);
    const port = input.cdpPort ?? allocateCdpPort(used, this.range);
    if (port === undefined) throw this.rangeFull();
    preparedStatement(
      this.db,
      'INSERT INTO browser_profiles (name, cdp_port, color, created, created_at) VALUES (?, ?, ?, 1, ?) ' +
        'ON CONFLICT(name) DO UPDATE SET cdp_port = excluded.cdp_port, color = excluded.color, created = 1',
    ).run(input.name, port, input.color ? normalizeColor(input.color) : null, Date.now());
    return this.get(input.name);
  }

  /** Forget a created profile (its user-data dir is the caller's to remove). */
  delete(name: string): BrowserProfile {
    const profile = this.get(name);
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

  private allocate(name: string): number {
    const port = allocateCdpPort(this.usedPorts(), this.range);
    if (port === undefined) throw this.rangeFull();
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

  private rangeFull(): Error {
    return browserError(
      'GW_ERR_BROWSER_NO_CDP_PORT',
      `no free CDP port in ${this.range.start}-${this.range.end}: delete a profile or widen browser.cdpPortRange`,
    );
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

function portOf(url: string): number {
  const u = new URL(url);
  return Number(u.port || (u.protocol === 'https:' ? 443 : 80));
}

function normalizeColor(c: string): string {
  return (c.startsWith('#') ? c : `#${c}`).toUpperCase();
}
