import { BUILTIN_PLUGINS } from '../../plugins/catalog.js';
import { startTestGateway, type TestGateway } from '../../sdk/testing.js';
import { freePort } from '../support/free-port.js';

/**
 * A gateway with every first-party plugin loaded, those off by default too (the interop tables).
 * The canvas host and the browser's ports are free ports: their defaults (gateway port + n) would
 * collide between two such gateways started at once.
 */
export async function startAllPluginsGateway(): Promise<TestGateway> {
  const [canvas, relay, control] = [await freePort(), await freePort(), await freePort()];
  return startTestGateway({
    plugins: await Promise.all(BUILTIN_PLUGINS.map((p) => p.load())),
    config: {
      channels: { telegram: { enabled: true }, whatsapp: { enabled: true } },
      hooks: { enabled: true, token: 'all-plugins-hooks-secret' },
      gateway: { http: { endpoints: { chatCompletions: { enabled: true }, responses: { enabled: true } } } },
      canvasHost: { port: canvas },
      browser: { relayPort: relay, controlUrl: `http://127.0.0.1:${control}` },
    },
  });
}
