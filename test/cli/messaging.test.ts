import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentConfig, FAKE_KEY_ENV } from '../agent/agent-harness.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { runCli } from './run-cli.js';

// The thin commands against the real plugins: agent runtime with a fake model provider
// (a real HTTP server speaking the OpenAI wire format), delivery with no channel configured.
let fake: FakeModelProvider;
let gw: GatewayProcess;
const cli = (args: string[]) =>
  runCli(args, { home: gw.home, env: { CLAWDBOT_GATEWAY_PORT: String(gw.port) }, timeoutMs: 30_000 });

beforeAll(async () => {
  fake = await startFakeModelProvider();
  gw = await startGateway({ config: agentConfig(fake), env: FAKE_KEY_ENV });
});
afterAll(async () => {
  await gw?.stop();
  await fake?.close();
});

describe('agent and sessions', () => {
  it('agent --message prints the reply and exits 0', async () => {
    fake.script({ text: 'Hello from the fake model.' });
    const r = await cli(['agent', '--message', 'hi there']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('Hello from the fake model.');
    expect(r.stderr).toMatch(/run \S+ accepted/);
    const req = await fake.waitForRequest();
    expect(JSON.stringify(req.body.messages)).toContain('hi there');
  });

  it('agent --stream prints the reply as it streams; --json gives the final payload', async () => {
    fake.script({ text: 'one two three four', chunkDelayMs: 20 });
    const r = await cli(['agent', '--message', 'count', '--stream', '--session-key', 'agent:main:cli-stream']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('one two three four');
    fake.script({ text: 'json reply' });
    const j = await cli(['agent', '-m', 'again', '--json']);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ status: 'ok', summary: 'json reply' });
  });

  it('sessions list shows the sessions the runs created; status counts them', async () => {
    const r = await cli(['sessions', 'list', '--json']);
    expect(r.code).toBe(0);
    const keys = JSON.parse(r.stdout).sessions.map((s: { key: string }) => s.key);
    expect(keys).toEqual(expect.arrayContaining(['agent:main:main', 'agent:main:cli-stream']));
    const text = await cli(['sessions', 'list']);
    expect(text.stdout).toContain('agent:main:cli-stream');
    const status = JSON.parse((await cli(['status', '--json'])).stdout);
    expect(status.gateway.health.sessions.count).toBeGreaterThanOrEqual(2);
  });

  it('a provider failure ends the agent command non-zero with the gateway’s reason', async () => {
    fake.script({ status: 400, errorMessage: 'bad request from fake' });
    const r = await cli(['agent', '--message', 'fail please']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/error/i);
  });
});

describe('channels and pairing with the delivery plugin but no channel', () => {
  it('channels status and pairing list answer (nothing enabled, nothing pending)', async () => {
    const c = await cli(['channels', 'status']);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('no channels are enabled');
    const p = await cli(['pairing', 'list', '--json']);
    expect(p.code).toBe(0);
    expect(JSON.parse(p.stdout).requests).toEqual([]);
  });

  it('send to a channel that is not configured fails with the gateway’s advice', async () => {
    const r = await cli(['send', '--channel', 'telegram', '--to', '1', '--message', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('channels.telegram');
  });

  it('channels login/logout for a channel that is not configured fail with the config key to set', async () => {
    const login = await cli(['channels', 'login', '--channel', 'whatsapp', '--timeout', '10s']);
    expect(login.code).toBe(1);
    expect(login.stderr).toContain('channels.whatsapp');
    const logout = await cli(['channels', 'logout', '--channel', 'whatsapp', '--json']);
    expect(logout.code).toBe(1);
    expect(JSON.parse(logout.stdout).error.code).toBe('GW_ERR_CLI_REQUEST_FAILED');
  });

  it('pairing approve of an unknown code fails naming the code', async () => {
    const r = await cli(['pairing', 'approve', 'telegram', 'ZZZZ9999']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ZZZZ9999');
  });
});
