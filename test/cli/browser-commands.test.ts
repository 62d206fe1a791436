import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPages, type TestPages } from '../fakes/test-pages.js';
import { freePort } from '../support/free-port.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { runCli } from './run-cli.js';

// `moltbot browser …` against the real gateway process, with the canvas and browser plugins
// switched on by the catalog's defaults (their skip variables cleared) on free ports.
let gw: GatewayProcess;
let pages: TestPages;
const ports = { control: 0, relay: 0, cdp: 0, canvas: 0 };
const cli = (args: string[]) =>
  runCli(args, { home: gw.home, env: { CLAWDBOT_GATEWAY_PORT: String(gw.port) }, timeoutMs: 60_000 });

beforeAll(async () => {
  pages = await startTestPages();
  for (const k of Object.keys(ports) as Array<keyof typeof ports>) ports[k] = await freePort();
  gw = await startGateway({
    env: { CLAWDBOT_SKIP_CANVAS_HOST: undefined, CLAWDBOT_SKIP_BROWSER_CONTROL_SERVER: undefined },
    config: {
      canvasHost: { port: ports.canvas },
      browser: {
        controlUrl: `http://127.0.0.1:${ports.control}`,
        relayPort: ports.relay,
        executablePath: '/usr/bin/chromium',
        headless: true,
        noSandbox: true,
        profiles: { clawd: { cdpPort: ports.cdp } },
        allowedHosts: [`127.0.0.1:${pages.port}`],
      },
    },
  });
}, 60_000);
afterAll(async () => {
  await gw?.stop();
  await pages?.close();
});

describe('moltbot browser', () => {
  it('the real process runs both plugins by default; hello-ok names the canvas', async () => {
    const c = await gw.client();
    expect(c.hello.canvasHostUrl).toBe(`http://127.0.0.1:${ports.canvas}`);
    expect(c.hello.features.methods).toEqual(expect.arrayContaining(['browser.request', 'canvas.token']));
    c.close();
    const r = await cli(['browser', 'status', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ profile: 'clawd', running: false, cdpPort: ports.cdp });
  });

  it('open, snapshot, click, screenshot --out, stop', async () => {
    const opened = await cli(['browser', 'open', pages.url('/')]);
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.stdout).toContain('Test page');
    const snap = await cli(['browser', 'snapshot']);
    expect(snap.stdout).toContain('Hello from the test page');
    const ref = /button "Count" \[ref=(e\d+)\]/.exec(snap.stdout)![1]!;
    expect((await cli(['browser', 'click', ref])).code).toBe(0);
    expect((await cli(['browser', 'snapshot'])).stdout).toContain('Clicked 1 time');
    const out = path.join(gw.home, 'shot.png');
    const shot = await cli(['browser', 'screenshot', '--out', out, '--json']);
    expect(shot.code, shot.stderr).toBe(0);
    expect(JSON.parse(shot.stdout)).toMatchObject({ ok: true, out });
    expect(fs.readFileSync(out).subarray(1, 4).toString('latin1')).toBe('PNG');
    const tabs = await cli(['browser', 'tabs']);
    expect(tabs.stdout).toMatch(/^\* \S+ {2}Test page/m);
    expect((await cli(['browser', 'stop'])).stdout).toContain('clawd: stopped');
    const refused = await new Promise<boolean>((resolve) => {
      const s = net.connect(ports.cdp, '127.0.0.1');
      s.once('connect', () => resolve(false));
      s.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  }, 90_000);

  it('a refused navigation exits non-zero with the reason', async () => {
    const r = await cli(['browser', 'navigate', `http://127.0.0.1:${gw.port}/`]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/loopback or private address|gateway's own ports/);
  }, 60_000);

  it('profiles lists the built-in ones', async () => {
    const r = await cli(['browser', 'profiles']);
    expect(r.stdout).toMatch(/\* clawd/);
    expect(r.stdout).toMatch(/chrome\s+extension/);
  });
});
