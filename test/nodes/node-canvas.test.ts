import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { agentConfig, FAKE_KEY_ENV } from '../agent/agent-harness.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { startReady } from '../kernel/start-gateway.js';
import { eventually } from '../support/eventually.js';
import { freePort } from '../support/free-port.js';
import type { GatewayProcess } from '../support/gateway-process.js';
import { SHOT_DIR } from '../ui/ui-browser.js';
import { type NodeProcess, startNodeRunner } from './node-process.js';

let fake: FakeModelProvider;
let gw: GatewayProcess;
let op: GatewayClient;
let node: NodeProcess;
let canvasPort: number;
let n = 0;

beforeAll(async () => {
  fake = await startFakeModelProvider();
  canvasPort = await freePort();
  gw = await startReady({
    // The canvas host on a free port of its own (spawned gateways skip it otherwise).
    env: { ...FAKE_KEY_ENV, CLAWDBOT_SKIP_CANVAS_HOST: undefined },
    config: agentConfig(fake, {
      canvasHost: { port: canvasPort },
      gateway: { nodes: { denyCommands: ['canvas.hide'] } },
    }),
  });
  op = await gw.client();
  node = startNodeRunner(['--url', gw.url, '--token', gw.token, '--name', 'canvas-box']);
  await node.waitFor(/connected to \S+ as node [0-9a-f]{64} \(commands: [^)]*canvas\.snapshot/);
}, 90_000);
afterAll(async () => {
  node?.kill('SIGTERM');
  await node?.exited;
  op?.close();
  await gw?.stop();
  await fake?.close();
});

/** One agent turn that makes these canvas tool calls (one per model step); the tool results, in order. */
async function agentCalls(...calls: Array<Record<string, unknown>>): Promise<Array<{ isError: boolean; result: any }>> {
  fake.script([...calls.map((args) => ({ toolCalls: [{ name: 'canvas', arguments: args }] })), { text: 'Done.' }]);
  let runId = '';
  const final = await op.request(
    'agent',
    { message: 'show it on my box', sessionKey: `canvas-${++n}`, idempotencyKey: `canvas-${Date.now()}-${n}` },
    { onAccepted: (p) => (runId = p.runId), timeoutMs: 60_000 },
  );
  expect(final.status).toBe('ok');
  return op.events
    .filter((e) => e.event === 'agent' && e.payload?.runId === runId && e.payload.stream === 'tool')
    .map((e) => e.payload.data)
    .filter((d) => d.phase === 'result')
    .map((d) => ({ isError: d.isError, result: d.isError ? d.result : JSON.parse(d.result) }));
}

describe('the canvas on a headless node (real gateway, node runner, Chromium)', { timeout: 60_000 }, () => {
  it('the runner offers canvas.* once hello-ok names a canvas host', async () => {
    expect(node.output()).toContain(`the gateway has a canvas host (http://127.0.0.1:${canvasPort})`);
    const { nodes } = await op.request('node.list');
    const box = nodes.find((x: any) => x.displayName === 'canvas-box');
    expect(box.commands).toEqual(
      expect.arrayContaining(['canvas.present', 'canvas.navigate', 'canvas.eval', 'canvas.snapshot', 'canvas.hide']),
    );
    expect(box.caps).toContain('canvas');
  });

  it('the agent presents a page on the node, reads it back with eval, and snapshots it as a PNG', async () => {
    const html =
      '<!doctype html><title>Greeting</title>' +
      '<body style="margin:0;background:rgb(20,160,90)"><h1 id="msg">Hello from the agent</h1></body>';
    const [present, evaluated, snapshot, small] = await agentCalls(
      { action: 'present', node: 'canvas-box', name: 'greeting', html },
      { action: 'eval', node: 'canvas-box', javaScript: 'document.getElementById("msg").textContent' },
      { action: 'snapshot', node: 'canvas-box' },
      { action: 'snapshot', node: 'canvas-box', outputFormat: 'jpg', maxWidth: 320 },
    );
    expect(present).toMatchObject({
      isError: false,
      result: {
        ok: true,
        page: 'greeting.html',
        status: 200,
        url: `http://127.0.0.1:${canvasPort}/__moltbot__/canvas/greeting.html`,
      },
    });
    expect(evaluated.result).toMatchObject({ ok: true, result: 'Hello from the agent' });

    expect(snapshot!.result).toMatchObject({ ok: true, format: 'png', width: 1280, height: 800 });
    const png = fs.readFileSync(snapshot!.result.path);
    fs.mkdirSync(SHOT_DIR, { recursive: true });
    fs.writeFileSync(path.join(SHOT_DIR, 'node-canvas-snapshot.png'), png);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(fs.statSync(snapshot!.result.path).mode & 0o777).toBe(0o600);
    // What the page shows, not an empty capture: the page's green fills the bottom corner.
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([1280, 800]);
    const at = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
    ];
    expect(at(1270, 790)).toEqual([20, 160, 90]);

    // Scaled down to maxWidth, as JPEG.
    expect(small!.result).toMatchObject({ ok: true, format: 'jpeg', width: 320, height: 200 });
    const jpeg = fs.readFileSync(small!.result.path);
    expect(small!.result.path).toMatch(/\.jpg$/);
    expect(jpeg.subarray(0, 3).toString('hex')).toBe('ffd8ff');
    expect((await sharp(jpeg).metadata()).width).toBe(320);
  });

  it('presenting the page again reloads it on the node by itself (live reload)', async () => {
    const [again] = await agentCalls({
      action: 'present',
      node: 'canvas-box',
      name: 'greeting',
      html: '<!doctype html><body><h1 id="msg">Second version</h1></body>',
    });
    expect(again!.isError).toBe(false);
    const { nodes } = await op.request('node.list');
    const nodeId = nodes.find((x: any) => x.displayName === 'canvas-box').nodeId;
    await eventually(async () => {
      const res = await op.request('node.invoke', {
        nodeId,
        command: 'canvas.eval',
        params: { javaScript: 'document.body.innerText' },
        idempotencyKey: `eval-${Date.now()}`,
      });
      expect(res.payload.result).toContain('Second version');
    }, 15_000);
  });

  it('stays under policy: the gateway’s denyCommands and the node’s own origin rule', async () => {
    const [hide, away] = await agentCalls(
      { action: 'hide', node: 'canvas-box' },
      { action: 'navigate', node: 'canvas-box', url: 'http://127.0.0.1:1/elsewhere' },
    );
    expect(hide!.isError).toBe(true);
    expect(hide!.result).toContain('canvas.hide is denied by gateway.nodes.denyCommands');
    expect(away!.isError).toBe(true);
    expect(away!.result).toContain('--canvas-allow-origin http://127.0.0.1:1');
  });
});
