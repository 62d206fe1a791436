import Type, { type Static } from 'typebox';

/**
 * The kernel's part of moltbot.json. Every other top-level key belongs to a plugin's
 * `configKey`; keys nobody owns are reported as warnings, not errors, so an existing Moltbot
 * config with keys we do not implement still starts.
 */
export const AuthConfigSchema = Type.Object({
  mode: Type.Optional(
    Type.Union([Type.Literal('token'), Type.Literal('password')], {
      description: 'Shared-secret kind (default token).',
    }),
  ),
  token: Type.Optional(Type.String({ minLength: 1, description: 'Gateway token (secret).' })),
  password: Type.Optional(Type.String({ minLength: 1, description: 'Gateway password (secret).' })),
  allowTailscale: Type.Optional(
    Type.Boolean({ description: 'Trust Tailscale Serve identity headers from a loopback peer.' }),
  ),
  rateLimit: Type.Optional(
    Type.Object({
      maxFailures: Type.Optional(
        Type.Integer({ minimum: 1, description: 'Failures per window before RATE_LIMITED (default 10).' }),
      ),
      windowMs: Type.Optional(Type.Integer({ minimum: 1000, description: 'Failure window (default 60000).' })),
    }),
  ),
});

export const GatewayConfigSchema = Type.Object({
  port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'Listening port (default 18789).' })),
  bind: Type.Optional(
    Type.String({ minLength: 1, description: '`loopback` (default), `lan`, `tailnet`, `auto` or an IP address.' }),
  ),
  mode: Type.Optional(Type.String({ description: 'Moltbot `local`/`remote`; informational here.' })),
  auth: Type.Optional(AuthConfigSchema),
  allowedHosts: Type.Optional(
    Type.Array(Type.String({ minLength: 1 }), { description: 'Extra Host names accepted (DNS rebinding guard).' }),
  ),
  trustedProxies: Type.Optional(Type.Array(Type.String())),
  // The kernel reads only allowedOrigins (its Origin check); the rest of gateway.controlUi
  // (enabled, basePath) belongs to the control-ui plugin, which validates it.
  controlUi: Type.Optional(
    Type.Object({
      allowedOrigins: Type.Optional(
        Type.Array(Type.String({ minLength: 1 }), {
          description: 'Browser origins allowed besides our own, e.g. "https://gw.example.ts.net" (exact match).',
        }),
      ),
      allowInsecureAuth: Type.Optional(
        Type.Boolean({
          description:
            'Let a browser on another machine connect with the shared secret alone, without a device identity ' +
            '(default false; docs/nodes.md).',
        }),
      ),
    }),
  ),
  pairing: Type.Optional(
    Type.Object({
      autoApproveWithSecret: Type.Optional(
        Type.Boolean({
          description: 'A new device that proves the shared secret is approved on the spot (default true).',
        }),
      ),
      pendingTtlMs: Type.Optional(
        Type.Integer({
          minimum: 1000,
          maximum: 7 * 24 * 3600 * 1000,
          description: 'A pairing request not approved within this is forgotten (default 600000).',
        }),
      ),
      maxPending: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 10_000,
          description: 'At most this many pairing requests wait; the oldest expire first (default 50).',
        }),
      ),
    }),
  ),
  reload: Type.Optional(
    Type.Object({
      mode: Type.Optional(
        Type.Union([Type.Literal('hybrid'), Type.Literal('hot'), Type.Literal('restart'), Type.Literal('off')]),
      ),
      debounceMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 60000 })),
    }),
  ),
  tls: Type.Optional(
    Type.Object({
      enabled: Type.Optional(Type.Boolean()),
      certPath: Type.Optional(Type.String()),
      keyPath: Type.Optional(Type.String()),
    }),
  ),
  metrics: Type.Optional(
    Type.Object({
      enabled: Type.Optional(
        Type.Boolean({ description: 'Serve Prometheus metrics at GET /metrics (bearer secret); off by default.' }),
      ),
    }),
  ),
  tickIntervalMs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 600000 })),
  handshakeTimeoutMs: Type.Optional(Type.Integer({ minimum: 500, maximum: 120000 })),
  requestTimeoutMs: Type.Optional(
    Type.Integer({
      minimum: 1000,
      maximum: 600000,
      description:
        'An HTTP request must arrive whole (headers and body) within this; slower ones get 408 (default 30000).',
    }),
  ),
  drainTimeoutMs: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 600000,
      description: 'Bound on draining a plugin generation or a restart (default 10000).',
    }),
  ),
  http: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  nodes: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  remote: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  tailscale: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

export const PluginEntrySchema = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    version: Type.Optional(Type.String({ minLength: 1, description: 'semver range the plugin version must satisfy' })),
    from: Type.Optional(Type.String({ minLength: 1, description: 'path or package name of a third-party plugin' })),
    config: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

export const LoggingConfigSchema = Type.Object({
  level: Type.Optional(Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace'].map((l) => Type.Literal(l)))),
});

export const StoreConfigSchema = Type.Object({
  durability: Type.Optional(
    Type.Union([Type.Literal('process'), Type.Literal('power')], {
      description:
        '"process" (default): every committed write survives the gateway process dying (kill -9, crash, OOM); ' +
        'a power loss or kernel panic may lose the last commits. "power": each commit waits for the disk ' +
        '(fsync), surviving power loss too, at ~1-10 ms per commit (docs/performance.md).',
    }),
  ),
});

export const KernelConfigSchema = Type.Object({
  gateway: Type.Optional(GatewayConfigSchema),
  plugins: Type.Optional(
    Type.Object({
      entries: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }), PluginEntrySchema)),
    }),
  ),
  logging: Type.Optional(LoggingConfigSchema),
  store: Type.Optional(StoreConfigSchema),
});

export type KernelConfig = Static<typeof KernelConfigSchema>;
export type GatewayConfig = Static<typeof GatewayConfigSchema>;
export type PluginEntry = Static<typeof PluginEntrySchema>;

/** Top-level keys the kernel owns. */
export const KERNEL_KEYS = ['gateway', 'plugins', 'logging', 'store'] as const;

/**
 * Moltbot keys we accept without a warning although no loaded plugin reads them: not ours yet,
 * or the block of a first-party plugin that its own `enabled: false` switched off (`hooks`, `cron`).
 */
export const TOLERATED_KEYS = [
  '$schema',
  'meta',
  'wizard',
  'ui',
  'env',
  'update',
  'diagnostics',
  'hooks',
  'cron',
] as const;
