import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayClient } from '../../sdk/client/gateway-client.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';

const TOKEN = 'tls-token-0123456789abcdef0123456789abcdef';
let gw: GatewayProcess;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  gw = await startGateway({
    token: TOKEN,
    config: {
      gateway: {
        auth: { token: TOKEN },
        tls: { enabled: true, certPath: path.join(dir, 'cert.pem'), keyPath: path.join(dir, 'key.pem') },
      },
    },
  });
});
afterAll(async () => {
  await gw?.stop();
});

describe('gateway.tls', () => {
  it('serves wss:// with the configured certificate and still requires the token', async () => {
    expect(gw.output()).toContain(`listening on wss://127.0.0.1:${gw.port}`);
    const prev = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const c = await GatewayClient.connect({ url: `wss://127.0.0.1:${gw.port}`, token: TOKEN });
      expect((await c.request('health')).ok).toBe(true);
      c.close();
      const bad = await GatewayClient.connect({ url: `wss://127.0.0.1:${gw.port}`, token: 'nope' }).catch((e) => e);
      expect(bad.error.code).toBe('UNAUTHORIZED');
    } finally {
      if (prev === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = prev;
    }
  });

  it('refuses to start when the certificate files are missing', async () => {
    const broken = await startGateway({
      token: TOKEN,
      waitReady: false,
      config: {
        gateway: {
          auth: { token: TOKEN },
          tls: { enabled: true, certPath: path.join(dir, 'missing.pem'), keyPath: path.join(dir, 'key.pem') },
        },
      },
    });
    const exit = await broken.waitExit();
    expect(exit.code).not.toBe(0);
    expect(broken.stderr()).toContain('gateway.tls.certPath: cannot read');
  });
});
