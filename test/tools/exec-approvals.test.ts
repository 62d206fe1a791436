import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayClient, GatewayRequestError } from '../../sdk/client/gateway-client.js';
import { agentConfig, FAKE_KEY_ENV } from '../agent/agent-harness.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { callTool } from './tool-harness.js';

let fake: FakeModelProvider;
let gw: GatewayProcess;
let c: GatewayClient;
let approver: GatewayClient;
let reader: GatewayClient;

beforeAll(async () => {
  fake = await startFakeModelProvider();
  // Defaults: security "allowlist", ask "on-miss"; an unknown command waits for an approver.
  gw = await startGateway({
    env: FAKE_KEY_ENV,
    config: agentConfig(fake, { tools: { exec: { approvalTimeoutSeconds: 2 } } }),
  });
  fs.mkdirSync(path.join(gw.home, 'clawd'), { recursive: true });
  c = await gw.client();
  approver = await gw.client({ scopes: ['operator.approvals'] });
  reader = await gw.client({ scopes: ['operator.read'] });
});
afterAll(async () => {
  for (const client of [c, approver, reader]) client?.close();
  await gw?.stop();
  await fake?.close();
});
beforeEach(() => fake.reset());

function nextRequest(command: string) {
  return approver.waitForEvent((e) => e.event === 'exec.approval.requested' && e.payload.command === command, 8000);
}

describe('exec approvals', () => {
  it('asks approvers (only them); allow-once runs the command', async () => {
    const requested = nextRequest('echo once');
    const run = callTool(c, fake, { name: 'exec', arguments: { command: 'echo once' } }, { sessionKey: 'ask-1' });
    const event = await requested;
    expect(event.payload).toMatchObject({
      id: expect.any(String),
      command: 'echo once',
      cwd: fs.realpathSync(path.join(gw.home, 'clawd')),
      sessionKey: 'agent:main:ask-1',
      agentId: 'main',
      expiresAtMs: expect.any(Number),
      request: { command: 'echo once', host: 'gateway', security: 'allowlist', ask: 'on-miss' },
    });
    expect(event.payload.expiresAtMs - Date.now()).toBeLessThanOrEqual(2000);
    const pending = await approver.request('exec.approval.list', {});
    expect(pending.pending.map((p: any) => p.id)).toContain(event.payload.id);
    // A reader neither sees the prompt nor may answer it.
    expect(reader.events.some((e) => e.event === 'exec.approval.requested')).toBe(false);
    await expect(reader.request('exec.approval.resolve', { id: event.payload.id, decision: 'deny' })).rejects.toThrow(
      GatewayRequestError,
    );
    await approver.request('exec.approval.resolve', { id: event.payload.id.slice(0, 8), decision: 'allow-once' });
    const out = await run;
    expect(out.json).toMatchObject({ status: 'completed', output: 'once\n' });
    const resolved = await approver.waitForEvent(
      (e) => e.event === 'exec.approval.resolved' && e.payload.id === event.payload.id,
    );
    expect(resolved.payload).toMatchObject({ decision: 'allow-once' });
  });

  it('deny: the command does not run and the model is told', async () => {
    const marker = path.join(gw.home, 'denied-ran');
    const command = `touch ${marker}`;
    const requested = nextRequest(command);
    const run = callTool(c, fake, { name: 'exec', arguments: { command } });
    const event = await requested;
    await approver.request('exec.approval.resolve', { id: event.payload.id, decision: 'deny' });
    const out = await run;
    expect(out.isError).toBe(true);
    expect(out.result).toMatch(/exec not approved: an operator denied it.*did not run/);
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('expiry denies', async () => {
    const requested = nextRequest('echo late');
    const run = callTool(c, fake, { name: 'exec', arguments: { command: 'echo late' } });
    const event = await requested;
    const out = await run;
    expect(out.isError).toBe(true);
    expect(out.result).toMatch(/no operator decided within 2 s \(tools\.exec\.approvalTimeoutSeconds\)/);
    const resolved = await approver.waitForEvent(
      (e) => e.event === 'exec.approval.resolved' && e.payload.id === event.payload.id,
    );
    expect(resolved.payload).toMatchObject({ decision: 'deny', reason: 'expired' });
    await expect(
      approver.request('exec.approval.resolve', { id: event.payload.id, decision: 'allow-once' }),
    ).rejects.toThrow(/no pending approval/);
  });

  it('allow-always stores an argv pattern (0600 file) and the same command no longer asks', async () => {
    const requested = nextRequest('echo always');
    const run = callTool(c, fake, { name: 'exec', arguments: { command: 'echo always' } });
    const event = await requested;
    await approver.request('exec.approval.resolve', { id: event.payload.id, decision: 'allow-always' });
    expect((await run).json.output).toBe('always\n');
    const snap = await c.request('exec.approvals.get', {});
    expect(snap).toMatchObject({ exists: true, path: path.join(gw.stateDir, 'exec-approvals.json') });
    expect(snap.file.agents.main.allowlist).toEqual([expect.objectContaining({ pattern: 'echo always' })]);
    expect(fs.statSync(snap.path).mode & 0o777).toBe(0o600);
    const again = await callTool(c, fake, { name: 'exec', arguments: { command: 'echo always' } });
    expect(again.json.output).toBe('always\n');
    const other = approver.events.filter(
      (e) => e.event === 'exec.approval.requested' && e.payload.command === 'echo always',
    );
    expect(other).toHaveLength(1);
  });

  it('exec.approvals.set needs the current hash and a valid file; the file only tightens the config', async () => {
    const snap = await c.request('exec.approvals.get', {});
    await expect(c.request('exec.approvals.set', { file: snap.file })).rejects.toThrow(/pass baseHash/);
    await expect(c.request('exec.approvals.set', { file: snap.file, baseHash: 'abc' })).rejects.toThrow(
      /changed since/,
    );
    await expect(c.request('exec.approvals.set', { file: { version: 2 }, baseHash: snap.hash })).rejects.toThrow(
      /not a valid approvals file/,
    );
    // ask "off" in the file cannot loosen tools.exec.ask ("on-miss"): the miss still asks.
    const loose = structuredClone(snap.file);
    loose.agents.main.ask = 'off';
    const next = await c.request('exec.approvals.set', { file: loose, baseHash: snap.hash });
    expect(next.hash).not.toBe(snap.hash);
    const requested = nextRequest('echo still-asks');
    const run = callTool(c, fake, { name: 'exec', arguments: { command: 'echo still-asks' } });
    await approver.request('exec.approval.resolve', { id: (await requested).payload.id, decision: 'deny' });
    expect((await run).isError).toBe(true);
    // security "deny" tightens: nothing runs on the host, allowlisted or not.
    const strict = structuredClone(next.file);
    strict.agents.main.security = 'deny';
    await c.request('exec.approvals.set', { file: strict, baseHash: next.hash });
    const refused = await callTool(c, fake, { name: 'exec', arguments: { command: 'echo always' } });
    expect(refused.result).toMatch(/exec refused: host commands are disabled/);
  });
});
