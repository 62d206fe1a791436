import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayClient } from '../../sdk/client/gateway-client.js';
import { cliEnv, tempHome } from '../cli/run-cli.js';
import { connectDevice } from '../kernel/device-connect.js';
import { newDeviceKey } from '../kernel/device-key.js';
import { startReady } from '../kernel/start-gateway.js';
import { eventually } from '../support/eventually.js';
import { CLI, type GatewayProcess } from '../support/gateway-process.js';
import { createVethPair, type VethPair } from '../support/veth-pair.js';

/**
 * A gateway bound beyond loopback, on a private veth pair (loopback has no MULTICAST here):
 * mDNS advertisement found by a real browse from the other end, and connects that do not come
 * from loopback (a browser "on another machine").
 */
let veth: VethPair;
let gw: GatewayProcess;
let url: string;
beforeAll(async () => {
  veth = createVethPair();
  gw = await startReady({
    args: ['--bind', veth.hostAddress],
    config: { gateway: { reload: { debounceMs: 50 } }, discovery: { mdns: { mode: 'minimal' } } },
  });
  url = `ws://${veth.hostAddress}:${gw.port}`;
}, 90_000);
afterAll(async () => {
  await gw?.stop();
  veth?.remove();
});

/** `moltbot gateway discover --json` run inside the namespace, browsing on its end of the pair. */
function discoverFromPeer(timeout = '3s'): Promise<{ code: number | null; gateways: any[]; stderr: string }> {
  const argv = veth.inNamespace([
    process.execPath,
    CLI,
    'gateway',
    'discover',
    '--interface',
    veth.peerAddress,
    '--timeout',
    timeout,
    '--json',
  ]);
  return new Promise((resolve) => {
    execFile(argv[0]!, argv.slice(1), { env: cliEnv(tempHome()), timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      let gateways: any[] = [];
      try {
        gateways = JSON.parse(stdout).gateways;
      } catch {
        /* no JSON: the assertion on gateways says so */
      }
      resolve({ code, gateways, stderr });
    });
  });
}

async function admin(): Promise<GatewayClient> {
  return GatewayClient.connect({ url, token: gw.token, clientId: 'test', clientMode: 'test' });
}

describe('a gateway bound to a LAN address', { timeout: 120_000 }, () => {
  it('advertises _moltbot-gw._tcp; a real mDNS browse from the other end finds it', async () => {
    const found = await eventually(async () => {
      const r = await discoverFromPeer();
      expect(r.gateways.map((g) => g.port)).toContain(gw.port);
      return r;
    }, 60_000);
    const g = found.gateways.find((x) => x.port === gw.port);
    expect(g.addresses).toEqual([veth.hostAddress]);
    expect(g.wsUrl).toBe(url);
    expect(g.txt).toMatchObject({ role: 'gateway', gatewayPort: String(gw.port), protocol: '7', transport: 'gateway' });
    expect(g.txt.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(g.name).toMatch(/^Moltbot on /);
    expect(JSON.stringify(g)).not.toContain(gw.token);
  });

  it('a browser (Origin) on another machine waits for an operator even with the secret', async () => {
    const origin = { origin: `http://${veth.hostAddress}:${gw.port}` };
    const key = newDeviceKey();
    const browser = await connectDevice(url, { key, token: gw.token, headers: origin, clientId: 'webchat-ui' });
    expect(browser.res.error.code).toBe('NOT_PAIRED');
    expect(browser.close?.reason).toBe('pairing required');
    const requestId = browser.res.error.details.requestId;

    const op = await admin();
    const { pending } = await op.request('device.pair.list');
    expect(pending.find((r: any) => r.requestId === requestId)).toMatchObject({
      deviceId: key.id,
      browser: true,
      remoteIp: veth.hostAddress,
    });
    // The same browser without a device identity is refused outright: it could not be held to pairing.
    const bare = await GatewayClient.connect({ url, token: gw.token, headers: origin }).catch((e) => e);
    expect(bare.error).toMatchObject({ code: 'NOT_PAIRED', details: { errorCode: 'GW_ERR_DEVICE_REQUIRED' } });
    // A CLI or app from the same machine, with the secret, is approved on the spot.
    const app = await connectDevice(url, { key: newDeviceKey(), token: gw.token });
    expect(app.res.ok).toBe(true);
    expect(app.res.payload.auth.deviceToken).toBeDefined();
    app.sock.ws.close();

    // Approved, the browser's next connect (same key, no credential) is shown its token once.
    await op.request('device.pair.approve', { requestId, scopes: ['operator.read'] });
    const after = await connectDevice(url, { key, headers: origin, clientId: 'webchat-ui', scopes: ['operator.read'] });
    expect(after.res.ok).toBe(true);
    expect(after.res.payload.auth).toMatchObject({ role: 'operator', scopes: ['operator.read'] });
    after.sock.ws.close();
    const again = await connectDevice(url, { key, headers: origin, clientId: 'webchat-ui', scopes: ['operator.read'] });
    expect(again.res.error.code).toBe('NOT_PAIRED');
    const withToken = await connectDevice(url, {
      key,
      headers: origin,
      clientId: 'webchat-ui',
      scopes: ['operator.read'],
      token: after.res.payload.auth.deviceToken,
    });
    expect(withToken.res.ok).toBe(true);
    withToken.sock.ws.close();
    op.close();
  });

  it('withdrawn when discovery.mdns.mode turns off: a browse no longer finds it', async () => {
    const config = gw.readConfig();
    config.discovery = { mdns: { mode: 'off' } };
    gw.writeConfig(config);
    await eventually(async () => {
      const r = await discoverFromPeer('2s');
      expect(r.gateways.map((g) => g.port)).not.toContain(gw.port);
      expect(r.code).toBe(1);
    }, 60_000);
  });
});
