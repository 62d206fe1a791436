import { definePlugin } from '../../sdk/index.js';
import { DiscoveryConfig } from './config-schema.js';
import { beaconTxt, certificateSha256, defaultInstanceName, isLoopbackHost } from './gateway-beacon.js';
import { MdnsAdvertiser } from './mdns-advertiser.js';

export default definePlugin({
  id: 'discovery',
  version: '1.0.0',
  sdk: '^1.0.0',
  configKey: 'discovery',
  configSchema: DiscoveryConfig,
  description: 'Bonjour/mDNS advertisement of _moltbot-gw._tcp when the gateway binds beyond loopback.',
  register(_app, ctx) {
    const { mode } = ctx.config.mdns;
    const { bind, port } = ctx.gateway;
    if (mode === 'off') {
      ctx.logger.debug('mDNS advertisement off (discovery.mdns.mode)');
      return;
    }
    if (isLoopbackHost(bind)) {
      ctx.logger.debug({ bind }, 'mDNS advertisement skipped: the gateway binds loopback only');
      return;
    }
    const gw = (ctx.gateway.rootConfig.gateway ?? {}) as { tls?: { enabled?: boolean; certPath?: string } };
    const name = ctx.config.mdns.name ?? defaultInstanceName(port);
    const advertiser = new MdnsAdvertiser(
      {
        name,
        port,
        bindHost: bind,
        txt: beaconTxt({
          port,
          protocol: ctx.gateway.protocol,
          version: ctx.gateway.version,
          displayName: name,
          tlsSha256: gw.tls?.enabled ? certificateSha256(gw.tls.certPath) : undefined,
          mode,
        }),
      },
      ctx.logger,
    );
    // Withdrawn (a goodbye packet) when the generation retires: stop, reload, unload.
    ctx.lease.defer('mDNS advertisement', () => advertiser.stop());
  },
});
