/**
 * A test gateway for plugin authors (`moltbot-gateway/sdk/testing`): the real kernel, in the
 * test's process, on an ephemeral loopback port, with your plugin loaded as a first-party one.
 * Use its client for WS methods, `fetch` for HTTP routes, `setConfig` to reload, and
 * `leftovers()` to assert that an unloaded plugin left nothing behind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { serializeConfig, writeFileAtomic } from '../kernel/config/config-file.js';
import { Gateway } from '../kernel/gateway.js';
import { type PerKind, perKind } from '../kernel/host/registrations.js';
import { resolvePaths } from '../kernel/paths.js';
import { GatewayClient, type GatewayClientOptions } from './client/gateway-client.js';
import type { PluginDefinition } from './define-plugin.js';

/** A plugin with its own rule for when it runs (like the first-party ones: by their config key). */
export interface TestPlugin {
  plugin: PluginDefinition;
  /** Whether it runs when `plugins.entries.<id>.enabled` is unset. Default: always. */
  enabledByDefault?: (root: Record<string, unknown>) => boolean;
}

export interface TestGatewayOptions {
  /** Plugins to load (each enabled unless the config disables it, or its `enabledByDefault` says no). */
  plugins: Array<PluginDefinition | TestPlugin>;
  /** Initial moltbot.json (auth is added for you). */
  config?: Record<string, unknown>;
  /** Log to stdout as well (default: only the log file in the temp state dir). */
  verbose?: boolean;
}

/**
 * What a plugin still holds: per registration kind (`methods`, `routes`, `services`, `tools`,
 * `channels`, `commands`, `events`, `healthReports`, `statusSections`) the names in the live
 * tables, then what its retired generations did not undo. After an unload it equals
 * `NOTHING_LEFT`.
 */
export type Leftovers = PerKind<string[]> & {
  /** Addresses of the plugin's own listeners still bound (`host:port`). */
  listeners: string[];
  /** Registered effects (timers, listeners, sockets…) still not disposed on retired generations. */
  undisposedEffects: number;
  /** Retired generations whose lease is still active. */
  activeLeases: number;
};

/** `leftovers()` of a plugin that left nothing behind: `expect(await tg.leftovers(id)).toEqual(NOTHING_LEFT)`. */
export const NOTHING_LEFT: Readonly<Leftovers> = Object.freeze({
  ...perKind(() => []),
  listeners: [],
  undisposedEffects: 0,
  activeLeases: 0,
});

export interface TestGateway {
  port: number;
  url: string;
  token: string;
  stateDir: string;
  configPath: string;
  /** A connected protocol client (operator.admin unless you ask for scopes). */
  client(options?: Partial<GatewayClientOptions>): Promise<GatewayClient>;
  /** HTTP request to the gateway with the bearer token set. */
  fetch(route: string, init?: RequestInit): Promise<Response>;
  /** Replace the config (auth is kept) and wait until the gateway applied it. */
  setConfig(config: Record<string, unknown>): Promise<void>;
  /**
   * Write moltbot.json as a user's editor would (auth is kept) and return at once: the file
   * watcher applies it. Poll for the effect you expect.
   */
  writeConfig(config: Record<string, unknown>): void;
  /** What a plugin still has registered (after unload, everything must be empty/zero). */
  leftovers(id: string): Promise<Leftovers>;
  close(): Promise<void>;
}

const TEST_TOKEN = 'sdk-testing-token-0123456789abcdef012345';

export async function startTestGateway(options: TestGatewayOptions): Promise<TestGateway> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-sdk-test-'));
  const env = { ...process.env, HOME: home, CLAWDBOT_STATE_DIR: path.join(home, '.clawdbot') } as NodeJS.ProcessEnv;
  delete env.CLAWDBOT_CONFIG_PATH;
  delete env.CLAWDBOT_GATEWAY_TOKEN;
  delete env.CLAWDBOT_GATEWAY_PORT;
  delete env.CLAWDBOT_GATEWAY_PASSWORD;
  const paths = resolvePaths({ env, home });
  const withAuth = (config: Record<string, unknown>) => {
    const c = structuredClone(config) as Record<string, any>;
    c.gateway ??= {};
    c.gateway.auth = { token: TEST_TOKEN, rateLimit: { maxFailures: 10_000 } };
    c.gateway.reload = { debounceMs: 20, ...(c.gateway.reload ?? {}) };
    return c;
  };
  fs.mkdirSync(paths.stateDir, { recursive: true, mode: 0o700 });
  writeFileAtomic(paths.configPath, serializeConfig(withAuth(options.config ?? {})));
  const logger = pino(
    { level: 'debug' },
    options.verbose
      ? pino.multistream([{ stream: process.stdout }, { stream: pino.destination(paths.logFile) }])
      : pino.destination({ dest: paths.logFile, mkdir: true }),
  );
  const gateway = new Gateway({
    paths,
    flags: { port: 0 },
    env,
    version: '0.0.0-test',
    builtins: options.plugins.map((entry) => {
      const { plugin: def, enabledByDefault = () => true } = 'plugin' in entry ? entry : { plugin: entry };
      const keys =
        def.configKey === undefined
          ? [`plugins.entries.${def.id}.config`]
          : typeof def.configKey === 'string'
            ? [def.configKey]
            : [...def.configKey];
      return { id: def.id, configKeys: keys, load: async () => def, enabledByDefault };
    }),
    logger,
    announce: () => undefined,
  });
  await gateway.start();
  const port = gateway.port;
  const client = (o: Partial<GatewayClientOptions> = {}) =>
    GatewayClient.connect({
      url: `ws://127.0.0.1:${port}`,
      token: TEST_TOKEN,
      clientId: 'test',
      clientMode: 'test',
      ...o,
    });
  let watcher: GatewayClient | undefined;

  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    token: TEST_TOKEN,
    stateDir: paths.stateDir,
    configPath: paths.configPath,
    client,
    fetch: (route, init = {}) =>
      fetch(`http://127.0.0.1:${port}${route}`, {
        ...init,
        headers: { authorization: `Bearer ${TEST_TOKEN}`, ...(init.headers ?? {}) },
      }),
    writeConfig(config) {
      writeFileAtomic(paths.configPath, serializeConfig(withAuth(config)));
    },
    async setConfig(config) {
      watcher ??= await client();
      const c = watcher;
      const res = await c.request('config.set', { raw: JSON.stringify(withAuth(config)) });
      if (res.restart) await new Promise((r) => setTimeout(r, 2000));
      await gateway.plugins?.settle();
    },
    async leftovers(id) {
      const host = gateway.plugins;
      await host?.settle();
      const live = gateway.registeredBy(id);
      const retired = host?.retiredGenerations(id) ?? [];
      return {
        ...perKind((kind) => live[kind.name] ?? []),
        listeners: gateway.pluginRegistries?.listeners.heldBy(id) ?? [],
        // Every registration is an effect on its lease, so staged entries count here too.
        undisposedEffects: retired.reduce((n, g) => n + g.lease.effectCount + g.stagedCount, 0),
        activeLeases: retired.filter((g) => g.lease.active).length,
      };
    },
    async close() {
      watcher?.close();
      await gateway.stop('test done');
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
