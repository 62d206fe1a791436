import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { NOTHING_LEFT, startTestGateway, type TestGateway } from '../../sdk/testing.js';
import { eventually } from '../../test/support/eventually.js';
import nodes from './index.js';

let tg: TestGateway;
let op: GatewayClient;
beforeAll(async () => {
  tg = await startTestGateway({ plugins: [nodes] });
  op = await tg.client();
});
afterAll(async () => {
  op?.close();
  await tg?.close();
});

/** A node that answers each node.invoke.request with `answer` (or never, when it returns undefined). */
async function fakeNode(
  instanceId: string,
  commands: string[],
  answer: (req: any) => Record<string, unknown> | undefined,
): Promise<GatewayClient> {
  const node = await tg.client({
    role: 'node',
    clientId: 'node-host',
    clientMode: 'node',
    instanceId,
    displayName: instanceId,
    extra: { commands, caps: ['system'] },
  });
  node.onEvent((e) => {
    if (e.event !== 'node.invoke.request') return;
    const res = answer(e.payload);
    if (res) void node.request('node.invoke.result', { id: e.payload.id, nodeId: e.payload.nodeId, ...res });
  });
  return node;
}

let key = 0;
const invoke = (nodeId: string, command: string, extra: Record<string, unknown> = {}) =>
  op.request('node.invoke', { nodeId, command, idempotencyKey: `k-${++key}`, ...extra });

describe('nodes plugin (in process)', () => {
  it('lists a connected node and forwards node.invoke to it; the caller gets the payload', async () => {
    const seen: any[] = [];
    const node = await fakeNode('box-1', ['system.info'], (req) => {
      seen.push(req);
      return { ok: true, payloadJSON: JSON.stringify({ hostname: 'box-1', echo: JSON.parse(req.paramsJSON) }) };
    });
    const { nodes: list } = await op.request('node.list');
    expect(list).toContainEqual(
      expect.objectContaining({ nodeId: 'box-1', connected: true, commands: ['system.info'], caps: ['system'] }),
    );
    const out = await invoke('box-1', 'system.info', { params: { verbose: true } });
    expect(out).toEqual({
      ok: true,
      nodeId: 'box-1',
      command: 'system.info',
      payload: { hostname: 'box-1', echo: { verbose: true } },
    });
    expect(seen[0]).toMatchObject({ nodeId: 'box-1', command: 'system.info', paramsJSON: '{"verbose":true}' });
    expect(typeof seen[0].id).toBe('string');
    node.close();
  });

  it('the same idempotency key gives the first result and no second call', async () => {
    let calls = 0;
    const node = await fakeNode('box-2', ['system.info'], () => ({ ok: true, payload: { n: ++calls } }));
    const a = await op.request('node.invoke', { nodeId: 'box-2', command: 'system.info', idempotencyKey: 'same' });
    const b = await op.request('node.invoke', { nodeId: 'box-2', command: 'system.info', idempotencyKey: 'same' });
    expect(a.payload).toEqual({ n: 1 });
    expect(b).toEqual(a);
    expect(calls).toBe(1);
    node.close();
  });

  it('refuses with FORBIDDEN a command the node did not declare or the policy does not allow', async () => {
    const node = await fakeNode('box-3', ['system.info', 'camera.snap'], () => ({ ok: true }));
    const undeclared = await invoke('box-3', 'system.run').catch((e) => e.error);
    expect(undeclared).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'not-declared' } });
    const optIn = await invoke('box-3', 'camera.snap').catch((e) => e.error);
    expect(optIn).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'not-allowed' } });
    expect(optIn.message).toContain('gateway.nodes.allowCommands');
    node.close();
  });

  it('a node that goes away mid-call answers the caller at once with UNAVAILABLE', async () => {
    const node = await fakeNode('box-4', ['system.info'], () => undefined);
    const started = Date.now();
    const pending = invoke('box-4', 'system.info', { timeoutMs: 60_000 }).catch((e) => e.error);
    await new Promise((r) => setTimeout(r, 200));
    node.close();
    const err = await pending;
    expect(err).toMatchObject({
      code: 'UNAVAILABLE',
      retryable: true,
      details: { errorCode: 'GW_ERR_NODES_NODE_GONE' },
    });
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('a silent node times out with AGENT_TIMEOUT; its late result is ignored', async () => {
    let late: any;
    const node = await fakeNode('box-5', ['system.info'], (req) => {
      late = req;
      return undefined;
    });
    const err = await invoke('box-5', 'system.info', { timeoutMs: 300 }).catch((e) => e.error);
    expect(err.code).toBe('AGENT_TIMEOUT');
    expect(await node.request('node.invoke.result', { id: late.id, nodeId: 'box-5', ok: true })).toEqual({
      ok: true,
      ignored: true,
    });
    node.close();
  });

  it("refuses a result for another node's call, or for no call at all", async () => {
    let asked: any;
    const target = await fakeNode('box-6', ['system.info'], (req) => {
      asked = req;
      return undefined;
    });
    const intruder = await fakeNode('box-7', ['system.info'], () => undefined);
    const pending = invoke('box-6', 'system.info', { timeoutMs: 5000 }).catch((e) => e.error);
    await eventually(() => expect(asked).toBeDefined());
    for (const nodeId of ['box-6', 'box-7']) {
      const stolen = await intruder.request('node.invoke.result', { id: asked.id, nodeId, ok: true }).catch((e) => e);
      expect(stolen.error).toMatchObject({ code: 'FORBIDDEN', details: { errorCode: 'GW_ERR_NODES_RESULT_REFUSED' } });
    }
    const none = await intruder
      .request('node.invoke.result', { id: 'nope', nodeId: 'box-7', ok: true })
      .catch((e) => e);
    expect(none.error.code).toBe('NOT_FOUND');
    // The real node still answers its own call.
    await target.request('node.invoke.result', { id: asked.id, nodeId: 'box-6', ok: true, payload: 'mine' });
    expect(await pending).toEqual({ ok: true, nodeId: 'box-6', command: 'system.info', payload: 'mine' });
    target.close();
    intruder.close();
  });

  it('a node error is passed to the caller with the node’s message', async () => {
    const node = await fakeNode('box-8', ['system.info'], () => ({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'system.run is off on this node' },
    }));
    const err = await invoke('box-8', 'system.info').catch((e) => e.error);
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toContain('system.run is off on this node');
    expect(err.details.nodeError).toEqual({ code: 'FORBIDDEN', message: 'system.run is off on this node' });
    node.close();
  });

  it('node.event is re-broadcast to operators with the node id, not to other nodes', async () => {
    const other = await fakeNode('box-9b', [], () => undefined);
    const node = await fakeNode('box-9', [], () => undefined);
    await node.request('node.event', { event: 'battery', payloadJSON: '{"level":0.42}' });
    const e = await op.waitForEvent((x) => x.event === 'node.event' && x.payload.nodeId === 'box-9');
    expect(e.payload).toMatchObject({ nodeId: 'box-9', event: 'battery', payload: { level: 0.42 } });
    expect(typeof e.seq).toBe('number');
    await new Promise((r) => setTimeout(r, 100));
    expect(other.events.some((x) => x.event === 'node.event')).toBe(false);
    const bad = await node.request('node.event', { event: 'x', payloadJSON: '{' }).catch((x) => x.error);
    expect(bad.code).toBe('INVALID_REQUEST');
    node.close();
    other.close();
  });

  it('operators cannot answer as a node; nodes cannot invoke', async () => {
    const asOperator = await op.request('node.invoke.result', { id: 'x', nodeId: 'y', ok: true }).catch((e) => e.error);
    expect(asOperator.code).toBe('FORBIDDEN');
    const node = await fakeNode('box-10', [], () => undefined);
    const asNode = await node
      .request('node.invoke', { nodeId: 'box-10', command: 'system.info', idempotencyKey: 'n' })
      .catch((e) => e.error);
    expect(asNode.code).toBe('FORBIDDEN');
    node.close();
  });

  it('reloads with new policy (denyCommands), and unloading leaves nothing behind', async () => {
    const node = await fakeNode('box-11', ['system.info'], () => ({ ok: true, payload: 1 }));
    await tg.setConfig({ gateway: { nodes: { denyCommands: ['system.info'] } } });
    // The reloaded generation picked up the node that was already connected.
    const denied = await invoke('box-11', 'system.info').catch((e) => e.error);
    expect(denied).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'denied' } });
    expect((await tg.leftovers('nodes')).activeLeases).toBe(0);

    await tg.setConfig({ plugins: { entries: { nodes: { enabled: false } } } });
    expect((await op.request('node.list').catch((e) => e.error)).code).toBe('NOT_FOUND');
    expect(await tg.leftovers('nodes')).toEqual(NOTHING_LEFT);
    node.close();
  });
});
