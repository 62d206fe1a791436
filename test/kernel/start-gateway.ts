import {
  type GatewayProcess,
  type GatewayProcessOptions,
  isPortTaken,
  startGateway,
} from '../support/gateway-process.js';

/**
 * The shared harness, with a longer wait for the listening line: on a loaded 2-core CI machine
 * a gateway with its first-party plugins can take well over the harness's 15 s default.
 */
export async function startReady(options: GatewayProcessOptions = {}): Promise<GatewayProcess> {
  for (let attempt = 1; ; attempt++) {
    const gw = await startGateway({ ...options, waitReady: false });
    try {
      await gw.waitForOutput(/listening on wss?:\/\/\S+/, 45_000);
      return gw;
    } catch (err) {
      await gw.stop();
      // The picked port was taken between the pick and the bind (see startGateway): pick again.
      if (options.port !== undefined || attempt >= 3 || !isPortTaken(err)) throw err;
    }
  }
}
