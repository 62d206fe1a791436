import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { runCli } from './run-cli.js';

let gw: GatewayProcess;
const cli = (...args: string[]) =>
  runCli(args, { home: gw.home, env: { CLAWDBOT_GATEWAY_PORT: String(gw.port) }, timeoutMs: 20_000 });

beforeAll(async () => {
  gw = await startGateway({ config: { agents: { list: [{ id: 'main' }, { id: 'grp', sandbox: { mode: 'all' } }] } } });
});
afterAll(() => gw?.stop());

describe('moltbot approvals', () => {
  it('allowlist add/remove edit the file through the gateway; get and pending show it', async () => {
    const add = await cli('approvals', 'allowlist', 'add', '--agent', 'main', 'git status');
    expect(add.stdout).toContain('allowed for main: git status');
    const again = await cli('approvals', 'allowlist', 'add', '--agent', 'main', 'git status');
    expect(again.stdout).toContain('already allowed');
    const get = await cli('approvals', 'get');
    expect(get.stdout).toMatch(/agent main\n {2}git status/);
    const file = JSON.parse(fs.readFileSync(path.join(gw.stateDir, 'exec-approvals.json'), 'utf8'));
    expect(file.agents.main.allowlist).toEqual([expect.objectContaining({ pattern: 'git status' })]);
    const removed = await cli('approvals', 'allowlist', 'remove', '--agent', 'main', 'git status');
    expect(removed.code).toBe(0);
    const missing = await cli('approvals', 'allowlist', 'remove', '--agent', 'main', 'git status');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no pattern "git status" for agent main');
    const pending = await cli('approvals', 'pending', '--json');
    expect(JSON.parse(pending.stdout)).toEqual({ pending: [] });
    const unknown = await cli('approvals', 'resolve', 'abcd1234', 'deny');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/no pending approval "abcd1234"/);
  });
});

describe('moltbot sandbox', () => {
  it('explain names the keys that decide; recreate needs a target', async () => {
    const main = await cli('sandbox', 'explain');
    expect(main.stdout).toMatch(/sandboxed +no: tools run on the host/);
    expect(main.stdout).toMatch(/mode +off {2}\(default\)/);
    const grp = JSON.parse((await cli('sandbox', 'explain', '--agent', 'grp', '--json')).stdout);
    expect(grp).toMatchObject({
      agentId: 'grp',
      sandboxed: true,
      mode: 'all',
      sources: { mode: 'agents.list[1].sandbox.mode' },
    });
    expect(grp.toolPolicy.denied).toContain('gateway');
    const none = await cli('sandbox', 'recreate');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--all, --agent <id> or --session <key>');
  });
});
