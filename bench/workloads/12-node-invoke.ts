/**
 * node.invoke round trip: an operator asks the gateway to run `bench.echo` on a node (operator →
 * gateway → `node.invoke.request` → node → `node.invoke.result` → gateway → operator), against
 * the same payload sent to a bare `ws` echo server and back (one hop each way), by the same
 * process, alternating, so both see the same machine. The baseline column is the direct echo.
 * The node is a plain protocol client with role `node` (shared token, no device key).
 */

/**
 * node.invoke round trip: an operator asks the gateway to run `bench.echo` on a node (operator →
 * gateway → `node.invoke.request` → node → `node.invoke.result` → gateway → operator), against
 * the same payload sent to a bare `ws` echo server and back (one hop each way), by the same
 * process, alternating, so both see the same machine. The baseline column is the direct echo.
 * The node is a plain protocol client with role `node` (shared token, no device key).
 */
import WebSocket, { WebSocketServer } from 'ws';
import { now } from '../lib/clock.js';
import { waitForPlugins } from '../lib/plugin-status.js';
import { freePort, HOST } from '../lib/ports.js';
import { ProtocolClient } from '../lib/protocol-client.js';
import { median, p99 } from '../lib/stats.js';
import type { Measurement, Workload } from '../lib/types.js';

const COMMAND = 'bench.echo';

/** A direct WebSocket echo: the floor any forwarding path is compared with. */
async function startEcho(): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const wss = new WebSocketServer({ host: HOST, port, perMessageDeflate: false });
  wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  return { url: `ws://${HOST}:${port}/`, close: () => new Promise((resolve) => wss.close(() => resolve())) };
}

function echoClient(url: string): Promise<{ roundTrip(text: string): Promise<string>; close(): void }> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => {
      let waiting: ((text: string) => void) | undefined;
      ws.on('message', (data) => waiting?.(data.toString()));
      resolve({
        roundTrip: (text) =>
          new Promise((done) => {
            waiting = done;
            ws.send(text);
          }),
        close: () => ws.close(),
      });
    });
  });
}

const workload: Workload = {
  name: 'node-invoke',
  title: 'node.invoke',
  targets: ['gateway'],
  async run(target, opts) {
    const count = opts.quick ? 30 : 1000;
    const warmup = opts.quick ? 5 : 50;
    const echo = await startEcho();
    const server = await target.start({ config: { gateway: { nodes: { allowCommands: [COMMAND] } } } });
    try {
      const admin = await ProtocolClient.connect({
        url: server.url,
        connectParams: target.connectParams(server.token),
      });
      await waitForPlugins(admin, ['nodes']);
      const base = target.connectParams(server.token) as { client: Record<string, unknown> };
      const node = await ProtocolClient.connect({
        url: server.url,
        connectParams: {
          ...base,
          client: { ...base.client, id: 'node-host', mode: 'node', platform: 'linux', instanceId: 'bench-node' },
          role: 'node',
          scopes: undefined,
          commands: [COMMAND],
        },
      });
      // The node answers every request with its params (what a trivial command costs on the node).
      node.onEvent((event, payload) => {
        if (event !== 'node.invoke.request') return;
        const req = payload as { id: string; nodeId: string; paramsJSON?: string };
        void node.request('node.invoke.result', {
          id: req.id,
          nodeId: req.nodeId,
          ok: true,
          payloadJSON: req.paramsJSON,
        });
      });
      const direct = await echoClient(echo.url);
      const via: number[] = [];
      const floor: number[] = [];
      try {
        for (let i = 0; i < warmup + count; i++) {
          const params = { i, text: `bench node invoke ${i}` };
          const text = JSON.stringify(params);
          const d0 = now();
          if ((await direct.roundTrip(text)) !== text) throw new Error('echo server answered something else');
          const d1 = now();
          const res = (await admin.request('node.invoke', {
            nodeId: 'bench-node',
            command: COMMAND,
            params,
            idempotencyKey: `bench-${i}`,
          })) as { payload?: { i?: number } };
          const g1 = now();
          if (res.payload?.i !== i) throw new Error(`node.invoke ${i}: unexpected payload ${JSON.stringify(res)}`);
          if (i < warmup) continue;
          floor.push(d1 - d0);
          via.push(g1 - d1);
        }
      } finally {
        direct.close();
        await node.close();
        await admin.close();
      }
      opts.log(`${count} × (direct echo, node.invoke through the gateway)`);
      const n = `${count} calls; baseline = direct WS echo`;
      const measurements: Measurement[] = [
        { metric: `round trip p50 (${n})`, value: median(via), reference: median(floor), unit: 'ms' },
        {
          metric: `round trip p99 (${n})`,
          value: p99(via),
          reference: p99(floor),
          unit: 'ms',
          goal: { kind: 'below', value: 10 },
        },
        {
          metric: `added by the gateway p50 (${n})`,
          value: median(via) - median(floor),
          unit: 'ms',
          goal: { kind: 'below', value: 2 },
        },
      ];
      return measurements;
    } finally {
      await server.stop();
      await echo.close();
    }
  },
};

export default workload;
