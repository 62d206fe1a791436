import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { runCli, tempHome } from './run-cli.js';

let gw: GatewayProcess;

beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw?.stop();
});

describe('moltbot dashboard', () => {
  it('--no-open prints the signed-in link, which serves the dashboard', async () => {
    const env = { CLAWDBOT_GATEWAY_PORT: String(gw.port) };
    const r = await runCli(['dashboard', '--no-open', '--json'], { home: gw.home, env });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({
      url: `http://127.0.0.1:${gw.port}/#token=${encodeURIComponent(gw.token)}`,
      served: 'ok',
      opened: false,
    });
    const page = await fetch(out.url.split('#')[0]);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<mb-app>');
    const human = await runCli(['dashboard', '--no-open'], { home: gw.home, env });
    expect(human.stdout.trim()).toBe(out.url);
  });

  it('opens the link with $BROWSER', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-browser-'));
    const opener = path.join(dir, 'fake-browser.sh');
    fs.writeFileSync(opener, `#!/bin/sh\nprintf '%s' "$1" > "${dir}/opened"\n`, { mode: 0o755 });
    const r = await runCli(['dashboard'], {
      home: gw.home,
      env: { CLAWDBOT_GATEWAY_PORT: String(gw.port), BROWSER: opener },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Opened in your browser');
    await expect
      .poll(() => (fs.existsSync(`${dir}/opened`) ? fs.readFileSync(`${dir}/opened`, 'utf8') : ''))
      .toBe(`http://127.0.0.1:${gw.port}/#token=${encodeURIComponent(gw.token)}`);
  });

  it('exits 4 and says how to start the gateway when none answers (the link still prints)', async () => {
    const home = tempHome();
    fs.mkdirSync(path.join(home, '.clawdbot'), { recursive: true });
    fs.writeFileSync(
      path.join(home, '.clawdbot/moltbot.json'),
      JSON.stringify({ gateway: { auth: { token: 'abc' } } }),
    );
    const r = await runCli(['dashboard'], { home, env: { CLAWDBOT_GATEWAY_PORT: String(await freePort()) } });
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=abc\n$/);
    expect(r.stderr).toContain('moltbot gateway');
  });
});
