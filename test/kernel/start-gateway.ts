import { type GatewayProcess, type GatewayProcessOptions, startGateway } from '../support/gateway-process.js';

/**
 * The shared harness, with a longer wait for the listening line: on a loaded 2-core CI machine
 * a gateway with its first-party plugins can take well over the harness's 15 s default.
 */
export async function startReady(options: GatewayProcessOptions = {}): Promise<GatewayProcess> {
  const gw = await startGateway({ ...options, waitReady: false });
  try {
    await gw.waitForOutput(/listening on wss?:\/\/\S+/, 45_000);
  } catch (err) {
    await gw.stop();
    throw err;
  }
  return gw;
}
