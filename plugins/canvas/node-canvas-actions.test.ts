import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NodeInvokeRequest, NodeSummary, NodesService } from '../../sdk/index.js';
import { CanvasFiles } from './canvas-files.js';
import { canvasUrlFor } from './canvas-url.js';
import { NodeCanvasActions } from './node-canvas-actions.js';

const CANVAS = ['canvas.present', 'canvas.hide', 'canvas.navigate', 'canvas.eval', 'canvas.snapshot'];
const local = { ip: '127.0.0.1', isLoopback: true, host: '127.0.0.1:18789' };
const lan = { ip: '10.0.0.7', isLoopback: false, host: '10.0.0.2:18789' };

/** A nodes service over a fixed table that records what it was asked to invoke. */
function nodesOf(nodes: NodeSummary[], answer: (r: NodeInvokeRequest) => unknown = () => ({ ok: true })) {
  const calls: NodeInvokeRequest[] = [];
  const service: NodesService = {
    list: () => nodes,
    resolve: (ref) => {
      const n = nodes.find((x) => x.nodeId === ref || x.displayName === ref);
      if (!n) throw new Error(`no node "${ref}"`);
      return n;
    },
    invoke: async (r) => {
      calls.push(r);
      return { nodeId: r.nodeId, command: r.command, payload: answer(r) };
    },
  };
  return { service, calls };
}

function node(nodeId: string, displayName: string, reach = local, commands = CANVAS): NodeSummary {
  return { nodeId, displayName, platform: 'linux', connected: true, commands, invocableCommands: commands, reach };
}

function actions(service: NodesService, o: { listen?: string; token?: string } = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'canvas-actions-'));
  return new NodeCanvasActions(new CanvasFiles(root), {
    nodes: () => service,
    urlFor: (reach) => canvasUrlFor(o.listen ?? '127.0.0.1', 18793, reach),
    nodeToken: () => o.token,
    mediaDir: path.join(root, 'media'),
  });
}

const signal = new AbortController().signal;

describe('the canvas tool on nodes', () => {
  it('presents a written page at the URL the node can reach, with a canvas token when one is needed', async () => {
    const { service, calls } = nodesOf([node('n1', 'box', lan)]);
    const a = actions(service, { listen: '0.0.0.0', token: 'v1.tok.sig' });
    const out = await a.run({ action: 'present', node: 'box', name: 'hi', html: '<p>hi</p>' }, signal);
    expect(calls[0]).toMatchObject({ nodeId: 'n1', command: 'canvas.present' });
    const sent = (calls[0]!.params as { url: string }).url;
    expect(sent).toBe('http://10.0.0.2:18793/__moltbot__/canvas/hi.html?canvasToken=v1.tok.sig');
    // The result never shows the token.
    expect(out).toMatchObject({ ok: true, node: 'n1', url: 'http://10.0.0.2:18793/__moltbot__/canvas/hi.html' });
    expect(a.canvasNodes()).toEqual([{ nodeId: 'n1', displayName: 'box', showing: (out as { url: string }).url }]);
  });

  it('rewrites our own local page URL for the node, passes other sites through, maps placement', async () => {
    const { service, calls } = nodesOf([node('n1', 'box')]);
    const a = actions(service);
    await a.run({ action: 'present', node: 'box', target: 'http://localhost:18793/__moltbot__/canvas/a.html' }, signal);
    await a.run({ action: 'navigate', node: 'box', url: 'https://example.com/x' }, signal);
    await a.run({ action: 'present', node: 'box', width: 800, height: 600 }, signal);
    expect(calls.map((c) => c.params)).toEqual([
      { url: 'http://127.0.0.1:18793/__moltbot__/canvas/a.html' },
      { url: 'https://example.com/x' },
      { url: 'http://127.0.0.1:18793/__moltbot__/canvas/', placement: { width: 800, height: 600 } },
    ]);
  });

  it('says why when the node cannot open a loopback-only canvas, or which node is meant', async () => {
    const remote = nodesOf([node('n1', 'far', lan), node('n2', 'near')]);
    const a = actions(remote.service);
    await expect(a.run({ action: 'present', node: 'far' }, signal)).rejects.toThrow(/set canvasHost\.bind/);
    await expect(a.run({ action: 'eval', javaScript: '1' }, signal)).rejects.toThrow(/needs node: one of far, near/);
    const none = actions(nodesOf([node('n3', 'phone', local, ['system.info'])]).service);
    await expect(none.run({ action: 'snapshot' }, signal)).rejects.toThrow(/none is connected/);
    expect(remote.calls).toEqual([]);
  });

  it('saves a snapshot to a 0600 file and refuses an answer without an image', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000', 'hex');
    const { service } = nodesOf([node('n1', 'box')], () => ({
      format: 'png',
      base64: png.toString('base64'),
      width: 2,
      height: 1,
    }));
    const out = (await actions(service).run({ action: 'snapshot' }, signal)) as { path: string; bytes: number };
    expect(out).toMatchObject({ ok: true, node: 'n1', format: 'png', bytes: png.length, width: 2, height: 1 });
    expect(fs.readFileSync(out.path)).toEqual(png);
    expect(fs.statSync(out.path).mode & 0o777).toBe(0o600);
    const bad = nodesOf([node('n1', 'box')], () => ({ format: 'png' }));
    await expect(actions(bad.service).run({ action: 'snapshot' }, signal)).rejects.toThrow(
      /without \{format, base64\}/,
    );
  });
});
