import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gatewayId } from '../../plugins/sandbox/container-identity.js';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { agentConfig, FAKE_KEY_ENV } from '../agent/agent-harness.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { buildBusyboxImage, dockerUnavailable, removeContainers } from '../support/sandbox-image.js';
import { callTool, offeredTools } from './tool-harness.js';

// Docker must run in CI (.ci/run starts dockerd); only a machine where it truly cannot start skips.
const unavailable = await dockerUnavailable();

if (unavailable !== undefined) {
  describe('sandbox (real Docker daemon)', () => {
    it.skip(`skipped: ${unavailable}`, () => undefined);
  });
}

describe.runIf(unavailable === undefined)('sandbox (real Docker daemon)', () => {
  let fake: FakeModelProvider;
  let gw: GatewayProcess;
  let c: GatewayClient;
  let image: Awaited<ReturnType<typeof buildBusyboxImage>>;
  let label: string;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-sandbox-'));
  const roWorkspace = () => path.join(home, 'ro-ws');
  const rwWorkspace = () => path.join(home, 'rw-ws');

  const config = (extraEnv: Record<string, string> = {}) =>
    agentConfig(fake, {
      agents: {
        defaults: {
          model: { primary: 'openai/test-model' },
          sandbox: {
            mode: 'non-main',
            scope: 'session',
            docker: { image: image.image, env: extraEnv },
          },
        },
        list: [
          { id: 'main', default: true },
          { id: 'rw', workspace: rwWorkspace(), sandbox: { mode: 'all', workspaceAccess: 'rw' } },
          { id: 'ro', workspace: roWorkspace(), sandbox: { mode: 'all', workspaceAccess: 'ro' } },
          { id: 'brief', sandbox: { mode: 'all', prune: { idleHours: 0.0001 } } },
        ],
      },
      tools: { exec: { security: 'full', ask: 'off', backgroundMs: 0 } },
    });

  beforeAll(async () => {
    fake = await startFakeModelProvider();
    image = await buildBusyboxImage();
    fs.mkdirSync(path.join(home, 'clawd'), { recursive: true });
    for (const d of ['ro-ws', 'rw-ws']) fs.mkdirSync(path.join(home, d));
    fs.writeFileSync(path.join(home, 'ro-ws', 'AGENTS.md'), 'read-only agent notes');
    gw = await startGateway({ home, env: FAKE_KEY_ENV, config: config() });
    label = `moltbot.gateway=${gatewayId(gw.stateDir)}`;
    c = await gw.client();
  }, 60_000);
  afterAll(async () => {
    c?.close();
    await gw?.stop();
    await fake?.close();
    if (label) await removeContainers(label);
    await image?.remove();
  }, 60_000);
  beforeEach(() => fake.reset());

  const exec = (command: string, sessionKey: string, agentId?: string) =>
    callTool(c, fake, { name: 'exec', arguments: { command } }, { sessionKey, agentId, timeoutMs: 40_000 });

  it('the main session runs on the host; other sessions run in their own container', async () => {
    const host = await exec('hostname', 'agent:main:main');
    expect(host.json).toMatchObject({ where: 'host', output: `${os.hostname()}\n` });
    const boxed = await exec('hostname; id -u; ls /sys/class/net', 'agent:main:group-1');
    expect(boxed.json).toMatchObject({ where: 'sandbox', status: 'completed', exitCode: 0 });
    const [hostname, uid, ...nets] = boxed.json.output.trim().split('\n');
    expect(hostname).not.toBe(os.hostname());
    expect(uid).toBe('0');
    // --network none: nothing but loopback.
    expect(nets).toEqual(['lo']);
    const again = await exec('hostname', 'agent:main:group-1');
    expect(again.json.output.trim()).toBe(hostname);
    const other = await exec('hostname', 'agent:main:group-2');
    expect(other.json.output.trim()).not.toBe(hostname);
    const list = await c.request('sandbox.list', {});
    const keys = list.containers.map((x: any) => x.scopeKey).sort();
    expect(keys).toEqual(['agent:main:group-1', 'agent:main:group-2']);
    expect(list.containers.every((x: any) => x.running && x.upToDate && x.image === image.image)).toBe(true);
  });

  it('the root is read-only, capabilities are dropped, exit codes and timeouts work inside', async () => {
    const ro = await exec('touch /etc/x 2>&1; echo tmp > /tmp/ok && cat /tmp/ok', 'agent:main:group-1');
    expect(ro.json.output).toMatch(/Read-only file system/);
    expect(ro.json.output).toMatch(/^tmp$/m);
    const caps = await exec('grep CapEff /proc/self/status', 'agent:main:group-1');
    expect(caps.json.output).toMatch(/CapEff:\s+0+\n/);
    expect((await exec('exit 7', 'agent:main:group-1')).json).toMatchObject({ status: 'failed', exitCode: 7 });
    const slow = await callTool(
      c,
      fake,
      { name: 'exec', arguments: { command: 'sleep 30', timeoutSeconds: 1 } },
      { sessionKey: 'agent:main:group-1' },
    );
    expect(slow.json).toMatchObject({ status: 'timeout', where: 'sandbox' });
    const left = await exec('ps -o comm | grep -c sleep || true', 'agent:main:group-1');
    expect(left.json.output.trim()).toBe('1');
  });

  it('workspaceAccess "none": file tools act on the sandbox workspace, inside the container', async () => {
    const key = 'agent:main:group-1';
    const wrote = await callTool(
      c,
      fake,
      { name: 'write', arguments: { path: 'notes/a.txt', content: 'inside\n' } },
      { sessionKey: key },
    );
    expect(wrote.json).toMatchObject({ ok: true, path: 'notes/a.txt' });
    expect((await exec('cat /workspace/notes/a.txt', key)).json.output).toBe('inside\n');
    expect(fs.existsSync(path.join(gw.home, 'clawd', 'notes', 'a.txt'))).toBe(false);
    const explain = await c.request('sandbox.explain', { sessionKey: key });
    expect(fs.readFileSync(path.join(explain.workspaceDir, 'notes', 'a.txt'), 'utf8')).toBe('inside\n');
    const read = await callTool(c, fake, { name: 'read', arguments: { path: 'notes/a.txt' } }, { sessionKey: key });
    expect(read.result).toBe('inside');
    await exec('ln -s /etc/passwd /workspace/pw; printf "\\000\\001" > /workspace/bin.dat', key);
    const link = await callTool(c, fake, { name: 'read', arguments: { path: 'pw' } }, { sessionKey: key });
    expect(link.result).toMatch(/outside the workspace/);
    const up = await callTool(c, fake, { name: 'read', arguments: { path: '../etc/passwd' } }, { sessionKey: key });
    expect(up.result).toMatch(/outside the workspace/);
    const bin = await callTool(c, fake, { name: 'read', arguments: { path: 'bin.dat' } }, { sessionKey: key });
    expect(bin.result).toMatch(/looks binary/);
    const edit = await callTool(
      c,
      fake,
      { name: 'edit', arguments: { path: 'notes/a.txt', oldText: 'inside', newText: 'edited' } },
      { sessionKey: key },
    );
    expect(edit.json).toMatchObject({ ok: true });
    const list = await callTool(c, fake, { name: 'list', arguments: { depth: 2 } }, { sessionKey: key });
    expect(list.result).toMatch(/^notes\/a\.txt {2}\(7 B\)$/m);
    expect(list.result).toMatch(/^pw@$/m);
    // The sandbox tool policy: no gateway tool, no web_fetch inside.
    expect(offeredTools(fake)).not.toContain('gateway');
    expect(offeredTools(fake)).not.toContain('web_fetch');
  });

  it('workspaceAccess "rw" mounts the agent workspace at /workspace; "ro" at /agent with write tools off', async () => {
    await callTool(
      c,
      fake,
      { name: 'write', arguments: { path: 'from-box.txt', content: 'rw works' } },
      { sessionKey: 'agent:rw:main', agentId: 'rw' },
    );
    expect(fs.readFileSync(path.join(rwWorkspace(), 'from-box.txt'), 'utf8')).toBe('rw works');
    const ro = await exec('cat /agent/AGENTS.md; touch /agent/x 2>&1', 'agent:ro:main', 'ro');
    expect(ro.json.output).toMatch(/^read-only agent notes/);
    expect(ro.json.output).toMatch(/Read-only file system/);
    expect(offeredTools(fake)).not.toContain('write');
    expect(offeredTools(fake)).not.toContain('edit');
    const explain = await c.request('sandbox.explain', { agentId: 'ro' });
    expect(explain).toMatchObject({
      agentId: 'ro',
      sandboxed: true,
      mode: 'all',
      workspaceAccess: 'ro',
      sources: { mode: 'agents.list[2].sandbox.mode', scope: 'agents.defaults.sandbox.scope' },
    });
    expect(explain.toolPolicy.denied).toEqual(expect.arrayContaining(['write', 'edit', 'apply_patch', 'gateway']));
  });

  it('a config change recreates the container; idle containers are pruned', async () => {
    const key = 'agent:main:group-2';
    const before = (await exec('hostname', key)).json.output;
    const cfg = config({ SANDBOX_FLAVOR: 'second' });
    cfg.gateway = gw.readConfig().gateway;
    gw.writeConfig(cfg);
    let after: any;
    for (let i = 0; i < 60; i++) {
      after = (await exec('echo "$SANDBOX_FLAVOR"; hostname', key)).json;
      if (after.output.startsWith('second')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(after.output.split('\n')[0]).toBe('second');
    expect(after.output.split('\n')[1]).not.toBe(before.trim());
    await exec('true', 'agent:brief:main', 'brief');
    await new Promise((r) => setTimeout(r, 600));
    const pruned = await c.request('sandbox.prune', {});
    expect(pruned.removed).toHaveLength(1);
    expect(pruned.removed[0]).toMatch(/agent-brief/);
    const names = (await c.request('sandbox.list', {})).containers.map((x: any) => x.scopeKey);
    expect(names).not.toContain('agent:brief');
  });

  it('Docker unreachable: sandboxed tools refuse with what to start, never run on the host', async () => {
    const down = await startGateway({
      env: { ...FAKE_KEY_ENV, DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
      config: agentConfig(fake, {
        agents: { defaults: { model: { primary: 'openai/test-model' }, sandbox: { mode: 'all' } } },
        tools: { exec: { security: 'full', ask: 'off' } },
      }),
    });
    const dc = await down.client();
    try {
      fs.mkdirSync(path.join(down.home, 'clawd'), { recursive: true });
      const out = await callTool(dc, fake, { name: 'exec', arguments: { command: 'hostname' } });
      expect(out.isError).toBe(true);
      expect(out.result).toMatch(/runs its tools in a sandbox, which is not available: Docker is not reachable/);
      expect(out.result).toMatch(/start the Docker daemon/);
      expect(out.result).not.toContain(os.hostname());
    } finally {
      dc.close();
      await down.stop();
    }
  });
});
