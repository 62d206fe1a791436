import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayProcess } from '../support/gateway-process.js';
import { newDeviceKey, signDevice } from './device-key.js';
import { openRaw, sleep } from './raw-socket.js';
import { startReady } from './start-gateway.js';

let gw: GatewayProcess;
let deviceToken = '';
const logFile = () => path.join(gw.stateDir, 'logs', 'gateway.log');
const logLines = () => fs.readFileSync(logFile(), 'utf8').split('\n').filter(Boolean);

beforeAll(async () => {
  gw = await startReady({ args: ['--verbose'] });
  // Traffic worth logging: requests, a device that gets a device token, a refusal.
  const c = await gw.client();
  await c.request('health');
  await c.request('config.get');
  await c.request('nope.nope').catch(() => undefined);
  c.close();
  const key = newDeviceKey();
  const s = await openRaw(gw.url);
  s.send({
    type: 'req',
    id: 'd',
    method: 'connect',
    params: {
      minProtocol: 3,
      maxProtocol: 7,
      client: { id: 'cli', version: '1', platform: 'linux', mode: 'cli' },
      auth: { token: gw.token },
      device: signDevice(key, {
        clientId: 'cli',
        clientMode: 'cli',
        role: 'operator',
        scopes: [],
        token: gw.token,
        nonce: s.nonce,
      }),
    },
  });
  deviceToken = (await s.next((f) => f.id === 'd')).payload.auth.deviceToken;
  s.ws.close();
  await gw.client({ token: 'wrong-token-for-the-log' }).catch(() => undefined);
  await sleep(300);
});
afterAll(async () => {
  await gw?.stop();
});

describe('logging', () => {
  it('writes JSON lines (level, time, msg) to <stateDir>/logs/gateway.log, mode 0600', () => {
    const lines = logLines();
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) {
      const o = JSON.parse(l);
      expect(typeof o.level).toBe('number');
      expect(typeof o.time).toBe('number');
      expect(typeof o.msg).toBe('string');
    }
    expect(lines.some((l) => JSON.parse(l).msg.startsWith('gateway listening'))).toBe(true);
    expect(fs.statSync(logFile()).mode & 0o777).toBe(0o600);
  });

  it('--verbose mirrors handshakes and req/res debug lines to stdout as readable lines', () => {
    const out = gw.output();
    expect(out).toMatch(/DEBUG: client connected/);
    expect(out).toMatch(/DEBUG: req/);
    expect(out).toMatch(/DEBUG: res/);
    expect(out).toMatch(/method: "config.get"/);
    expect(out).toMatch(/DEBUG: event\n\s+event: "presence"/);
    // Readable, not JSON lines.
    expect(out.split('\n').some((l) => l.startsWith('{"level"'))).toBe(false);
    const debug = logLines()
      .map((l) => JSON.parse(l))
      .filter((o) => o.level === 20);
    expect(debug.some((o) => o.msg === 'req' && o.method === 'health')).toBe(true);
  });

  it('secrets (gateway token, device token) never reach stdout, stderr or the log file, even with --verbose', () => {
    expect(deviceToken.length).toBeGreaterThan(20);
    const log = fs.readFileSync(logFile(), 'utf8');
    for (const secret of [gw.token, deviceToken, 'wrong-token-for-the-log']) {
      expect(gw.output()).not.toContain(secret);
      expect(gw.stderr()).not.toContain(secret);
      expect(log).not.toContain(secret);
    }
  });

  it('untrusted header values are escaped and truncated in log lines', async () => {
    // 0x85 (NEL) is a legal header byte that a terminal may treat as a line break.
    const origin = `https://evil.example/x\u0085${'a'.repeat(3000)}`;
    await new Promise<void>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port: gw.port,
        path: '/',
        agent: false,
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
          origin: Buffer.from(origin, 'latin1').toString('latin1'),
        },
      });
      req.on('response', (res) => {
        expect(res.statusCode).toBe(403);
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end();
    });
    let entry: any;
    for (let i = 0; i < 40 && !entry; i++) {
      entry = logLines()
        .map((l) => JSON.parse(l))
        .find((o) => o.msg === 'websocket refused: cross-site Origin');
      if (!entry) await sleep(50);
    }
    expect(entry).toBeDefined();
    expect(entry.origin.length).toBeLessThan(260);
    expect(entry.origin).toMatch(/…\(\d+ more\)$/);
    expect(entry.origin.startsWith('https://evil.example/x\\u0085aaa')).toBe(true);
    expect(fs.readFileSync(logFile(), 'utf8')).not.toContain('a'.repeat(1000));

    // A method name with control characters cannot forge a console line.
    const c = await gw.client();
    await c.request('x\n[00:00:00] INFO: forged\u0085y').catch(() => undefined);
    c.close();
    await sleep(200);
    expect(gw.output()).not.toMatch(/^\[00:00:00\] INFO: forged/m);
    expect(logLines().some((l) => l.includes('\\\\u000a[00:00:00] INFO: forged'))).toBe(true);
  });
});
