import { definePlugin, Type } from '../../sdk/index.js';
import { BROWSER_ACTIONS, BrowserController } from './browser-controller.js';
import { BrowserProfiles, type CdpPortSource, MIGRATIONS } from './browser-profiles.js';
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
    // Gateway port 0 (the OS picks it, as in tests): the gateway's own port is not known yet, and
    // 0 + 2, 0 + 3, 11…110 would be privileged ports. The side ports then take any free port too
    // (read back below once bound), and new profiles' CDP ports are free ports the OS names.
    const anyPort = ctx.gateway.requestedPort === 0;
    const base = ctx.gateway.port;
    const derived = (offset: number) => (anyPort ? 0 : base + offset);
    const wantedControlPort = config.controlUrl ? Number(new URL(config.controlUrl).port) : derived(2);
    // The original's range: 18800-18899 for the default gateway port 18789.
    const cdpPorts: CdpPortSource =
      config.cdpPortRange ?? (anyPort ? 'any-free' : { start: base + 11, end: base + 110 });
    ctx.store.migrate(MIGRATIONS);

    // The relay and the control service are loopback-only whatever gateway.bind says.
    const relay = new ExtensionRelay(ctx, ctx.logger.child({ component: 'extension-relay' }));
    const relayPort = (await relay.open('127.0.0.1', config.relayPort ?? derived(3))).port;
    ctx.lease.defer('extension relay', () => relay.close());

    const profiles = new BrowserProfiles(ctx.store.db, config, relayPort, ctx.paths.stateDir, cdpPorts);
    let controlPort = wantedControlPort;
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

    const control = await ctx.listeners.open({
      label: 'browser control',
      host: '127.0.0.1',
      port: wantedControlPort,
      routes: (app) => registerControlRoutes(app, () => controller),
    });
    controlPort = control.port;

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
