import { definePlugin, Type } from '../../sdk/index.js';
import { BROWSER_ACTIONS, BrowserController } from './browser-controller.js';
import { BrowserProfiles, MIGRATIONS } from './browser-profiles.js';
import { browserTool } from './browser-tool.js';
import { BrowserConfig } from './config-schema.js';
import { registerControlRoutes } from './control-routes.js';
import { ExtensionRelay, RELAY_TOKEN_HEADER, relayTokenFor } from './extension-relay.js';
import type { NavigationPolicy } from './navigation-policy.js';

export default definePlugin({
  id: 'browser',
  version: '1.0.0',
  sdk: '^1.0.0',
  configKey: 'browser',
  configSchema: BrowserConfig,
  description: "The agent's own browser: Chromium profiles over CDP, a loopback control service, the extension relay.",
  async register(_app, ctx) {
    const config = ctx.config;
    const base = ctx.gateway.port;
    const controlPort = config.controlUrl ? Number(new URL(config.controlUrl).port) : base + 2;
    const relayPort = config.relayPort ?? base + 3;
    // The original's range: 18800-18899 for the default gateway port 18789.
    const range = config.cdpPortRange ?? { start: base + 11, end: base + 110 };
    ctx.store.migrate(MIGRATIONS);
    const profiles = new BrowserProfiles(ctx.store.db, config, relayPort, ctx.paths.stateDir, range);
    const policy = (): NavigationPolicy => ({
      allowedHosts: config.allowedHosts,
      blockedHosts: config.blockedHosts,
      protectedPorts: [ctx.gateway.port, controlPort, relayPort, ...profiles.cdpPorts()],
    });
    const controller = new BrowserController({
      config,
      profiles,
      logger: ctx.logger,
      stateDir: ctx.paths.stateDir,
      policy,
      relayHeaders: () => ({ [RELAY_TOKEN_HEADER]: relayTokenFor(ctx, relayPort) }),
    });
    ctx.lease.defer('browser processes', () => controller.close());

    // The relay and the control service are loopback-only whatever gateway.bind says.
    const relay = new ExtensionRelay(ctx, ctx.logger.child({ component: 'extension-relay' }));
    await relay.open('127.0.0.1', relayPort);
    ctx.lease.defer('extension relay', () => relay.close());
    await ctx.listeners.open({
      label: 'browser control',
      host: '127.0.0.1',
      port: controlPort,
      routes: (app) => registerControlRoutes(app, () => controller),
    });

    ctx.methods.register('browser.request', {
      scope: 'operator.write',
      params: Type.Object(
        {
          profile: Type.Optional(Type.String({ minLength: 1 })),
          action: Type.Union(BROWSER_ACTIONS.map((a) => Type.Literal(a))),
          args: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
        },
        { additionalProperties: false },
      ),
      description: 'Control the agent browser: {profile?, action, args} (the same code as the control service).',
      handler: (params) => controller.run(params.profile, params.action, params.args ?? {}),
    });
    ctx.tools.register(browserTool(() => controller));
    ctx.logger.info({ controlPort, relayPort, defaultProfile: config.defaultProfile }, 'browser control ready');
  },
});
