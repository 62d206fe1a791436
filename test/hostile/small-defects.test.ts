import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startReady } from '../kernel/start-gateway.js';
import { eventually } from '../support/eventually.js';
import { CLI, type GatewayProcess, REPO_ROOT, startGateway } from '../support/gateway-process.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

// Issue 10, defect 5: the smaller ones, each reproduced against a fresh gateway.
let gw: GatewayProcess | undefined;
afterEach(async () => {
  await gw?.stop();
  gw = undefined;
});

describe('early fatal exits', () => {
  it('an invalid config exits 2 (permanent: a service manager must not retry) with no bogus stack trace', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-fatal-'));
    fs.mkdirSync(path.join(home, '.clawdbot'), { mode: 0o700 });
    fs.writeFileSync(path.join(home, '.clawdbot', 'moltbot.json'), '{gateway:{port:"x"}}');
    gw = await startGateway({ home, waitReady: false });
    const exit = await gw.waitExit(30_000);
    expect(exit.code).toBe(2);
    const all = gw.output() + gw.stderr();
    expect(all).toMatch(/gateway\.port/);
    expect(all).not.toMatch(/uncaught exception|sonic boom/);
  });
});

describe('a start without a config file', () => {
  it('reports no config error (there was never a file to remove)', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-noconfig-'));
    const configPath = path.join(home, 'nowhere', 'moltbot.json');
    gw = await startReady({
      home,
      env: { CLAWDBOT_GATEWAY_TOKEN: 'env-token-0123456789abcdefghijkl', CLAWDBOT_CONFIG_PATH: configPath },
      args: ['--allow-unconfigured'],
    });
    expect(fs.existsSync(configPath)).toBe(false);
    const c = await gw.client({ token: 'env-token-0123456789abcdefghijkl' });
    await new Promise((r) => setTimeout(r, 800));
    const status = await c.request('status');
    expect(status.configError).toBeUndefined();
    expect(gw.output()).not.toMatch(/was removed/);
    c.close();
  });
});

describe('request URLs in the log', () => {
  it('are logged without their query string (a ?token= must not land in gateway.log)', async () => {
    gw = await startReady({
      args: ['--verbose'],
      config: { gateway: { http: { endpoints: { chatCompletions: { enabled: true } } } } },
    });
    const secret = 'query-secret-0123456789';
    await new Promise<void>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: gw!.port, path: `/v1/models?token=${secret}&x=1`, agent: false }, (res) => {
          res.resume();
          res.on('end', () => resolve());
        })
        .on('error', reject);
    });
    await new Promise<void>((resolve, reject) => {
      http
        .get(
          {
            host: '127.0.0.1',
            port: gw!.port,
            path: `/v1/models?token=${secret}`,
            agent: false,
            headers: { host: 'evil.example' },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve());
          },
        )
        .on('error', reject);
    });
    await eventually(() => {
      const log = fs.readFileSync(path.join(gw!.stateDir, 'logs', 'gateway.log'), 'utf8');
      expect(log).toMatch(/Host not allowed/);
    });
    const log = fs.readFileSync(path.join(gw.stateDir, 'logs', 'gateway.log'), 'utf8');
    expect(log).not.toContain(secret);
    expect(gw.output()).not.toContain(secret);
  });
});

describe('CLI output piped to a reader that goes away', () => {
  it('status and health do not crash with EPIPE when piped to head', async () => {
    gw = await startReady();
    for (const command of ['status', 'health']) {
      const out = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(
          'sh',
          ['-c', `"${process.execPath}" "${CLI}" ${command} --url ${gw!.url} --token ${gw!.token} | head -c 0`],
          { env: { ...process.env, HOME: gw!.home, NO_COLOR: '1' } },
        );
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d.toString()));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
      expect(out.stderr).not.toMatch(/EPIPE|Unhandled|Error:/);
    }
  });
});

describe('moltbot send', () => {
  it('says the message was queued (stored for delivery), not that it was sent', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'send-queued-'));
    gw = await startReady({
      config: {
        plugins: {
          entries: {
            filedrop: {
              from: path.join(REPO_ROOT, 'examples/02-file-drop-channel'),
              config: { inboxDir: path.join(dir, 'in'), outboxDir: path.join(dir, 'out'), pollMs: 100 },
            },
          },
        },
      },
    });
    const out = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          CLI,
          'send',
          '--channel',
          'filedrop',
          '--to',
          'chat1',
          '--message',
          'hi',
          '--url',
          gw!.url,
          '--token',
          gw!.token,
        ],
        { env: { ...process.env, HOME: gw!.home, NO_COLOR: '1' } },
      );
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d.toString()));
      child.on('exit', (code) => resolve({ code, stdout }));
    });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^queued \S+ for filedrop to chat1/);
    expect(out.stdout).not.toMatch(/^sent/);
  });
});
