import { type Static, Type } from '../../sdk/index.js';

const ProfileConfig = Type.Object(
  {
    cdpPort: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 65535,
        description: 'Chrome DevTools port of this profile (kept once allocated)',
      }),
    ),
    cdpUrl: Type.Optional(
      Type.String({
        pattern: '^https?://',
        description: 'Attach to a browser at this CDP URL instead of launching one',
      }),
    ),
    driver: Type.Optional(
      Type.Union([Type.Literal('clawd'), Type.Literal('extension')], {
        description: 'clawd: a Chromium the gateway launches; extension: your Chrome through the extension relay',
      }),
    ),
    color: Type.Optional(Type.String({ pattern: '^#?[0-9A-Fa-f]{6}$' })),
  },
  { additionalProperties: false },
);

/** `browser` (PROTOCOL.md "Other ports"): the agent's own browser and its control service. */
export const BrowserConfig = Type.Object(
  {
    enabled: Type.Boolean({
      default: true,
      description: 'Run the browser control service (CLAWDBOT_SKIP_BROWSER_CONTROL_SERVER=1 skips it)',
    }),
    controlUrl: Type.Optional(
      Type.String({
        pattern: '^http://(127\\.0\\.0\\.1|localhost|\\[::1\\]):[0-9]{1,5}/?$',
        description: 'Loopback URL of the control service (default http://127.0.0.1:<gateway port + 2>)',
      }),
    ),
    relayPort: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 65535,
        description: 'Port of the extension relay (default gateway port + 3)',
      }),
    ),
    defaultProfile: Type.String({ default: 'clawd', minLength: 1 }),
    executablePath: Type.Optional(
      Type.String({ minLength: 1, description: 'Chromium to launch (default: found on PATH)' }),
    ),
    headless: Type.Optional(Type.Boolean({ description: 'Default: headless when there is no display' })),
    noSandbox: Type.Boolean({
      default: false,
      description: 'Launch with --no-sandbox (needed when the gateway runs as root)',
    }),
    attachOnly: Type.Boolean({
      default: false,
      description: 'Never launch: only attach to a browser already on the CDP port',
    }),
    color: Type.String({ default: '#FF4500', pattern: '^#?[0-9A-Fa-f]{6}$' }),
    allowedHosts: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description: 'Hosts (host or host:port, *.suffix) the browser may load even when loopback/private',
    }),
    blockedHosts: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description: 'Hosts the browser never loads',
    }),
    cdpPortRange: Type.Optional(
      Type.Object(
        { start: Type.Integer({ minimum: 1, maximum: 65535 }), end: Type.Integer({ minimum: 1, maximum: 65535 }) },
        { additionalProperties: false, description: 'Where new profiles get their CDP port (default 18800-18899)' },
      ),
    ),
    startTimeoutMs: Type.Integer({ minimum: 1000, maximum: 120_000, default: 20_000 }),
    actionTimeoutMs: Type.Integer({ minimum: 100, maximum: 120_000, default: 15_000 }),
    profiles: Type.Record(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,31}$' }), ProfileConfig, { default: {} }),
  },
  { additionalProperties: false },
);

export type BrowserConfig = Static<typeof BrowserConfig>;
export type BrowserProfileConfig = Static<typeof ProfileConfig>;
