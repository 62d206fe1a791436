import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { runCli, tempHome } from '../cli/run-cli.js';
import { startReady } from '../kernel/start-gateway.js';
import { eventually } from '../support/eventually.js';
import type { GatewayProcess } from '../support/gateway-process.js';
import { type NodeProcess, startNodeRunner } from './node-process.js';

let gw: GatewayProcess;
let op: GatewayClient;
let node: NodeProcess;
const cliHome = tempHome();
const cli = (...args: string[]) => runCli([...args, '--url', gw.url, '--token', gw.token], { home: cliHome });

beforeAll(async () => {
  gw = await startReady({
    config: { gateway: { reload: { debounceMs: 50 }, http: { toolsInvoke: { allow: ['nodes'] } } } },
  });
  op = await gw.client();
}, 90_000);
afterAll(async () => {
  node?.kill('SIGKILL');
  op?.close();
  await gw?.stop();
});

/** Direct children of a process (Linux /proc). */
function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    const text = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    if (text) out.push(...text.split(/\s+/).map(Number));
  }
  return out;
}

const RUN_ARGS = ['--name', 'e2e-box', '--allow-run', '--allow', 'echo', '--allow', 'sleep'];

// Several real processes per test (gateway, runner, CLI): generous on a loaded 2-core machine.
describe('moltbot node run against the real gateway', { timeout: 120_000 }, () => {
  it('pairs: pending → approved with the CLI → token in hello-ok → stored (0600)', async () => {
    node = startNodeRunner(['--url', gw.url, ...RUN_ARGS]);
    const asked = await node.waitFor(/moltbot nodes approve ([0-9a-f-]{36})/);
    const requestId = asked[1]!;

    const pending = await cli('nodes', 'pending');
    expect(pending.code).toBe(0);
    expect(pending.stdout).toContain(requestId);
    expect(pending.stdout).toContain('e2e-box');
    expect(pending.stdout).toMatch(/system\.info, system\.which, system\.run/);

    const approved = await cli('nodes', 'approve', requestId);
    expect(approved.stderr).toBe('');
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(/^approved node [0-9a-f]{12} \(e2e-box\)$/m);

    await node.waitFor(/paired: device token stored in (\S+)/);
    await node.waitFor(/connected to ws:\/\/127\.0\.0\.1:\d+ as node [0-9a-f]{64}/);
    const tokenFile = path.join(node.stateDir, 'node', 'device-auth.json');
    expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(node.stateDir, 'node', 'identity', 'device.json')).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(fs.readFileSync(tokenFile, 'utf8')).gateways[gw.url];
    expect(stored).toMatchObject({ role: 'node', scopes: ['node'] });
    expect(stored.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const list = await cli('nodes', 'list');
    expect(list.stdout).toMatch(/e2e-box\s+linux \S+\s+connected\s+yes\s+system\.info, system\.which, system\.run/);
  });

  it('node.invoke system.info round trip (CLI and protocol)', async () => {
    const viaCli = await cli('nodes', 'invoke', 'e2e-box', 'system.info', '--json');
    expect(viaCli.code).toBe(0);
    const out = JSON.parse(viaCli.stdout);
    expect(out).toMatchObject({ ok: true, command: 'system.info' });
    expect(out.payload).toMatchObject({ os: process.platform, arch: process.arch });
    expect(out.payload.memory.totalBytes).toBeGreaterThan(0);

    const { nodes } = await op.request('node.list');
    const nodeId = nodes.find((n: any) => n.displayName === 'e2e-box').nodeId;
    const run = await op.request('node.invoke', {
      nodeId,
      command: 'system.run',
      params: { command: ['echo', 'hello from the node'] },
      idempotencyKey: 'echo-1',
    });
    expect(run.payload).toMatchObject({ exitCode: 0, success: true, stdout: 'hello from the node\n' });
  });

  it('the agent’s nodes tool lists and invokes under the same policy (POST /tools/invoke)', async () => {
    const tool = (args: Record<string, unknown>) =>
      fetch(`http://127.0.0.1:${gw.port}/tools/invoke`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gw.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ tool: 'nodes', args }),
      });
    const listed = await (await tool({ action: 'list' })).json();
    expect(listed.result.nodes).toContainEqual(expect.objectContaining({ displayName: 'e2e-box', connected: true }));
    const res = await tool({ action: 'invoke', node: 'e2e-box', command: 'system.info' });
    expect(res.status).toBe(200);
    expect((await res.json()).result.payload).toMatchObject({ os: process.platform, arch: process.arch });
    const refused = await tool({ action: 'invoke', node: 'e2e-box', command: 'camera.snap' });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toContain('gateway.nodes.allowCommands');
  });

  it('refuses a command outside the allowlists with FORBIDDEN (the node’s and the gateway’s)', async () => {
    const nodeSide = await cli('nodes', 'invoke', 'e2e-box', 'system.run', '--params', '{command: ["uname", "-a"]}');
    expect(nodeSide.code).toBe(5);
    expect(nodeSide.stderr).toContain('FORBIDDEN');
    expect(nodeSide.stderr).toContain('not allowed on this node');

    const undeclared = await cli('nodes', 'invoke', 'e2e-box', 'canvas.present');
    expect(undeclared.code).toBe(5);
    expect(undeclared.stderr).toMatch(/FORBIDDEN: node [0-9a-f]{64} does not offer canvas\.present/);
    const optIn = await cli('nodes', 'invoke', 'e2e-box', 'camera.snap');
    expect(optIn.stderr).toContain('camera.snap is not allowed for linux nodes; add it to gateway.nodes.allowCommands');

    const config = gw.readConfig();
    config.gateway.nodes = { denyCommands: ['system.which'] };
    gw.writeConfig(config);
    await eventually(async () => {
      const denied = await cli('nodes', 'invoke', 'e2e-box', 'system.which', '--params', '{bins: ["sh"]}');
      expect(denied.code).toBe(5);
      expect(denied.stderr).toContain('denied by gateway.nodes.denyCommands');
    }, 20_000);
  });

  it('restarted, the node connects with its device token alone', async () => {
    node.kill('SIGTERM');
    expect(await node.exited).toBe(0);
    node = startNodeRunner(['--url', gw.url, ...RUN_ARGS], { home: node.home });
    await node.waitFor(/connected to ws:\/\/127\.0\.0\.1:\d+ as node/);
    expect(node.output()).not.toContain('pairing required');
    expect(node.output()).not.toContain('paired: device token stored');
    const devices = await cli('devices', 'list');
    expect(devices.stdout).toMatch(/[0-9a-f]{12}\s+node\s+node\s+e2e-box\s+node-host\s+connected\s+active/);
  });

  it('a node killed mid-invoke answers the caller at once (UNAVAILABLE), not at the timeout', async () => {
    const { nodes } = await op.request('node.list');
    const nodeId = nodes.find((n: any) => n.displayName === 'e2e-box').nodeId;
    const started = Date.now();
    const call = op
      .request('node.invoke', {
        nodeId,
        command: 'system.run',
        params: { command: ['sleep', '60'] },
        timeoutMs: 120_000,
        idempotencyKey: 'sleep-1',
      })
      .catch((e) => e);
    // In flight: the node has started the program.
    const child = await eventually(() => {
      const pid = childPids(node.proc.pid!).find((p) =>
        fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('sleep'),
      );
      expect(pid).toBeDefined();
      return pid!;
    }, 20_000);
    node.kill('SIGKILL');
    const err = await call;
    process.kill(child, 'SIGKILL');
    expect(err.error).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(err.error.details.errorCode).toBe('GW_ERR_NODES_NODE_GONE');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('revoke closes the node’s socket at once; it then asks to be paired again', async () => {
    node = startNodeRunner(['--url', gw.url, ...RUN_ARGS], { home: node.home });
    await node.waitFor(/connected to ws:\/\/127\.0\.0\.1:\d+ as node ([0-9a-f]{64})/);
    const nodeId = /as node ([0-9a-f]{64})/.exec(node.output())![1]!;
    const mark = node.output().length;
    const revoked = await cli('devices', 'revoke', nodeId.slice(0, 10), '--role', 'node');
    expect(revoked.stdout).toContain(`revoked the node token of ${nodeId.slice(0, 12)}`);
    await node.waitFor(/disconnected \(1008 device token revoked\)/, 10_000, mark);
    await node.waitFor(/moltbot nodes approve ([0-9a-f-]{36})/, 20_000, mark);
    const { pending } = await op.request('node.pair.list');
    expect(pending).toContainEqual(expect.objectContaining({ nodeId, isRepair: true }));
  });
});
