import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { agentConfig, FAKE_KEY_ENV } from '../agent/agent-harness.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { callTool } from './tool-harness.js';

let fake: FakeModelProvider;
let gw: GatewayProcess;
let c: GatewayClient;

beforeAll(async () => {
  fake = await startFakeModelProvider();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-exec-tools-'));
  fs.mkdirSync(path.join(home, 'clawd', 'sub'), { recursive: true });
  gw = await startGateway({
    home,
    env: { ...FAKE_KEY_ENV, SECRET_PROVIDER_KEY: 'sk-do-not-leak' },
    config: agentConfig(fake, {
      // Host commands run freely here; the approval flow has its own file.
      tools: { exec: { security: 'full', ask: 'off', maxOutputBytes: 2048, backgroundMs: 0 } },
    }),
  });
  c = await gw.client();
});
afterAll(async () => {
  c?.close();
  await gw?.stop();
  await fake?.close();
});
beforeEach(() => fake.reset());

describe('exec', () => {
  it('returns output and exit code; argv runs without a shell; cwd stays in the workspace', async () => {
    const ok = await callTool(c, fake, { name: 'exec', arguments: { command: 'echo hello; echo oops >&2' } });
    expect(ok.json).toMatchObject({ status: 'completed', exitCode: 0, where: 'host', truncated: false });
    expect(ok.json.output).toBe('hello\noops\n');
    const failed = await callTool(c, fake, { name: 'exec', arguments: { command: 'exit 3' } });
    expect(failed.json).toMatchObject({ status: 'failed', exitCode: 3 });
    const argv = await callTool(c, fake, { name: 'exec', arguments: { command: ['printf', '%s|', '$HOME', 'a b'] } });
    expect(argv.json.output).toBe('$HOME|a b|');
    const cwd = await callTool(c, fake, { name: 'exec', arguments: { command: 'pwd', cwd: 'sub' } });
    expect(cwd.json.output.trim()).toBe(fs.realpathSync(path.join(gw.home, 'clawd', 'sub')));
    const out = await callTool(c, fake, { name: 'exec', arguments: { command: 'pwd', cwd: '../..' } });
    expect(out.result).toMatch(/outside the workspace/);
  });

  it('caps output: head and tail kept, total bytes reported', async () => {
    const big = await callTool(c, fake, { name: 'exec', arguments: { command: 'seq 1 20000' } });
    expect(big.json).toMatchObject({ status: 'completed', truncated: true, outputBytes: 108894 });
    expect(big.json.output.startsWith('1\n2\n3\n')).toBe(true);
    expect(big.json.output.endsWith('19999\n20000\n')).toBe(true);
    expect(big.json.output).toMatch(/bytes of output omitted; 108894 bytes in total/);
    expect(big.json.output.length).toBeLessThan(2300);
  });

  it('kills a command at its timeout', async () => {
    const slow = await callTool(c, fake, { name: 'exec', arguments: { command: 'sleep 20', timeoutSeconds: 1 } });
    expect(slow.json).toMatchObject({ status: 'timeout', timedOut: true });
    expect(slow.json.durationMs).toBeLessThan(10_000);
  });

  it('gives commands a clean environment (no provider keys, no gateway secrets)', async () => {
    const env = await callTool(c, fake, { name: 'exec', arguments: { command: 'env' } });
    expect(env.json.output).toMatch(/^PATH=/m);
    expect(env.json.output).not.toMatch(/SECRET_PROVIDER_KEY|FAKE_MODEL_KEY|sk-do-not-leak|CLAWDBOT_/);
  });

  it('runs in the background; process lists, polls and kills it', async () => {
    const session = 'agent:main:bg';
    const started = await callTool(
      c,
      fake,
      { name: 'exec', arguments: { command: 'echo started; sleep 30', background: true } },
      { sessionKey: session },
    );
    expect(started.json).toMatchObject({ status: 'running', sessionId: expect.stringMatching(/^proc_/) });
    const id = started.json.sessionId as string;
    const list = await callTool(c, fake, { name: 'process', arguments: { action: 'list' } }, { sessionKey: session });
    expect(list.json.processes).toEqual([expect.objectContaining({ sessionId: id, status: 'running' })]);
    const other = await callTool(c, fake, { name: 'process', arguments: { action: 'list' } }, { sessionKey: 'x' });
    expect(other.json.processes).toEqual([]);
    const poll = await callTool(
      c,
      fake,
      { name: 'process', arguments: { action: 'poll', sessionId: id, waitMs: 200 } },
      { sessionKey: session },
    );
    expect(poll.json).toMatchObject({ status: 'running', output: 'started\n' });
    const pid = started.json.pid as number;
    expect(() => process.kill(pid, 0)).not.toThrow();
    const killed = await callTool(
      c,
      fake,
      { name: 'process', arguments: { action: 'kill', sessionId: id } },
      { sessionKey: session },
    );
    expect(killed.json).toMatchObject({ sessionId: id, status: 'killed' });
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
