import { type Static, Type } from '../../sdk/index.js';

/** `discovery` (Moltbot's key). */
export const DiscoveryConfig = Type.Object({
  mdns: Type.Object(
    {
      mode: Type.Union([Type.Literal('off'), Type.Literal('minimal'), Type.Literal('full')], {
        default: 'minimal',
        description:
          'Bonjour/mDNS advertisement of _moltbot-gw._tcp (only when the gateway binds beyond loopback): off, ' +
          'minimal (port, protocol, version, name, TLS fingerprint) or full (also lanHost, sshPort, cliPath).',
      }),
      name: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 63,
          description: 'Service instance name (default: Moltbot on <host>).',
        }),
      ),
    },
    { default: {} },
  ),
  wideArea: Type.Object(
    {
      enabled: Type.Boolean({
        default: false,
        description: 'Publish wide-area DNS-SD records (moltbot dns-sd export).',
      }),
      domain: Type.String({ default: 'moltbot.internal.', description: 'The DNS-SD zone for wide-area records.' }),
    },
    { default: {} },
  ),
});

export type DiscoveryConfigT = Static<typeof DiscoveryConfig>;
