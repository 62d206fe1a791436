import crypto from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestGateway, type TestGateway } from '../../sdk/testing.js';
import { freePort } from '../../test/support/free-port.js';
import browserPlugin from './index.js';

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
let gw: TestGateway;
let relayPort: number;
let relayToken: string;

function open(url: string, options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function refusal(url: string, options: WebSocket.ClientOptions = {}): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, options);
    ws.once('open', () => resolve('opened'));
    ws.once('error', (err) => resolve(err.message));
  });
}

/** The next JSON message on a socket that passes `match`. */
function next(ws: WebSocket, match: (m: any) => boolean = () => true): Promise<any> {
  return new Promise((resolve) => {
    const on = (data: WebSocket.RawData) => {
      const m = JSON.parse(data.toString());
      if (!match(m)) return;
      ws.off('message', on);
      resolve(m);
    };
    ws.on('message', on);
  });
}

beforeAll(async () => {
  relayPort = await freePort();
  gw = await startTestGateway({
    plugins: [browserPlugin],
    config: { browser: { controlUrl: `http://127.0.0.1:${await freePort()}`, relayPort, headless: true } },
  });
  // The same derivation the relay uses: HMAC-SHA256(gateway secret, "moltbot-extension-relay-v1:<port>").
  relayToken = crypto.createHmac('sha256', gw.token).update(`moltbot-extension-relay-v1:${relayPort}`).digest('hex');
});
afterAll(async () => {
  await gw?.close();
});

describe('extension relay', () => {
  const base = () => `127.0.0.1:${relayPort}`;
  const headers = () => ({ 'x-moltbot-relay-token': relayToken });

  it('/json/version answers like Chromium, only with the relay token', async () => {
    const refused = await fetch(`http://${base()}/json/version`);
    expect(refused.status).toBe(401);
    // The kernel's refusal path: the gateway body with the browser plugin's code.
    expect(await refused.json()).toEqual({
      error: {
        code: 'UNAUTHORIZED',
        type: 'unauthorized',
        message: expect.stringContaining('relay token required'),
        details: { errorCode: 'GW_ERR_BROWSER_RELAY_UNAUTHORIZED' },
      },
    });
    const res = await fetch(`http://${base()}/json/version`, { headers: headers() });
    expect(await res.json()).toEqual({ Browser: 'Moltbot/extension-relay', 'Protocol-Version': '1.3' });
    expect((await fetch(`http://${base()}/`)).status).toBe(200);
  });

  it('/extension accepts only a chrome-extension Origin with the relay token', async () => {
    const url = `ws://${base()}/extension?token=${relayToken}`;
    expect(await refusal(url)).toMatch(/403/);
    expect(await refusal(url, { origin: 'https://evil.example' })).toMatch(/403/);
    expect(await refusal(`ws://${base()}/extension?token=wrong`, { origin: ORIGIN })).toMatch(/401/);
    expect(await refusal(`ws://${base()}/cdp`, { headers: headers() })).toMatch(/503/);
  });

  it('upgrade refusals carry the gateway error body (wireError), like the relay’s HTTP routes', async () => {
    const raw = (path: string, extra = '') =>
      new Promise<string>((resolve, reject) => {
        const [host, port] = base().split(':');
        const s = net.connect(Number(port), host);
        let data = '';
        s.on('data', (d) => (data += d.toString()));
        s.on('end', () => resolve(data));
        s.on('error', reject);
        s.write(
          `GET ${path} HTTP/1.1\r\nHost: ${base()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`,
        );
      });
    const body = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    const nowhere = await raw('/nowhere');
    expect(nowhere).toMatch(/^HTTP\/1\.1 404 /);
    expect(body(nowhere).error).toMatchObject({
      code: 'NOT_FOUND',
      details: { errorCode: 'GW_ERR_BROWSER_RELAY_NOT_FOUND' },
    });
    const noToken = await raw('/cdp');
    expect(noToken).toMatch(/^HTTP\/1\.1 401 /);
    expect(body(noToken).error.details.errorCode).toBe('GW_ERR_BROWSER_RELAY_UNAUTHORIZED');
    const foreign = await raw(`/extension?token=${relayToken}`, 'Origin: https://evil.example\r\n');
    expect(body(foreign).error.details.errorCode).toBe('GW_ERR_BROWSER_RELAY_ORIGIN');
  });

  it('bridges CDP: targets from the extension, commands forwarded, events relayed back', async () => {
    const extension = await open(`ws://${base()}/extension?token=${relayToken}`, { origin: ORIGIN });
    expect(await refusal(`ws://${base()}/extension?token=${relayToken}`, { origin: ORIGIN })).toMatch(/409/);
    const targetInfo = { targetId: 'T1', type: 'page', title: 'Hello', url: 'https://example.com/' };
    extension.send(
      JSON.stringify({
        method: 'forwardCDPEvent',
        params: {
          method: 'Target.attachedToTarget',
          params: { sessionId: 'S1', targetInfo, waitingForDebugger: false },
        },
      }),
    );
    await new Promise((r) => setTimeout(r, 50));
    const version = await (await fetch(`http://${base()}/json/version`, { headers: headers() })).json();
    expect(version.webSocketDebuggerUrl).toBe(`ws://${base()}/cdp`);
    const list = await (await fetch(`http://${base()}/json/list`, { headers: headers() })).json();
    expect(list).toEqual([
      expect.objectContaining({ id: 'T1', type: 'page', title: 'Hello', url: 'https://example.com/' }),
    ]);

    expect(await refusal(`ws://${base()}/cdp`)).toMatch(/401/);
    const cdp = await open(`ws://${base()}/cdp`, { headers: headers() });
    cdp.send(JSON.stringify({ id: 1, method: 'Target.getTargets' }));
    expect((await next(cdp, (m) => m.id === 1)).result.targetInfos).toEqual([{ ...targetInfo, attached: true }]);

    cdp.send(JSON.stringify({ id: 2, method: 'Target.setAutoAttach', params: { autoAttach: true } }));
    const attached = await next(cdp, (m) => m.method === 'Target.attachedToTarget');
    expect(attached.params).toMatchObject({ sessionId: 'S1', targetInfo: { targetId: 'T1' } });

    const forwarded = next(extension, (m) => m.method === 'forwardCDPCommand');
    cdp.send(JSON.stringify({ id: 3, method: 'Runtime.evaluate', params: { expression: '1+1' }, sessionId: 'S1' }));
    const command = await forwarded;
    expect(command.params).toEqual({ method: 'Runtime.evaluate', params: { expression: '1+1' }, sessionId: 'S1' });
    extension.send(JSON.stringify({ id: command.id, result: { result: { type: 'number', value: 2 } } }));
    expect(await next(cdp, (m) => m.id === 3)).toEqual({
      id: 3,
      sessionId: 'S1',
      result: { result: { type: 'number', value: 2 } },
    });

    // Detaching one of the extension's own sessions is answered here, not forwarded.
    let forwardedDetach = false;
    const watch = (d: WebSocket.RawData) => {
      if (JSON.parse(d.toString()).params?.method === 'Target.detachFromTarget') forwardedDetach = true;
    };
    extension.on('message', watch);
    cdp.send(JSON.stringify({ id: 5, method: 'Target.detachFromTarget', params: { sessionId: 'S1' } }));
    expect((await next(cdp, (m) => m.id === 5)).result).toEqual({});
    extension.off('message', watch);
    expect(forwardedDetach).toBe(false);

    const failing = next(extension, (m) => m.method === 'forwardCDPCommand');
    cdp.send(JSON.stringify({ id: 4, method: 'Page.navigate', params: { url: 'x' }, sessionId: 'S1' }));
    extension.send(JSON.stringify({ id: (await failing).id, error: 'Cannot navigate to invalid URL' }));
    expect((await next(cdp, (m) => m.id === 4)).error.message).toBe('Cannot navigate to invalid URL');

    const event = next(cdp, (m) => m.method === 'Page.loadEventFired');
    extension.send(
      JSON.stringify({
        method: 'forwardCDPEvent',
        params: { method: 'Page.loadEventFired', params: { timestamp: 1 }, sessionId: 'S1' },
      }),
    );
    expect(await event).toEqual({ method: 'Page.loadEventFired', params: { timestamp: 1 }, sessionId: 'S1' });

    // The extension leaving ends the CDP clients and forgets its tabs.
    const closed = new Promise<number>((resolve) => cdp.once('close', (code) => resolve(code)));
    extension.close();
    expect(await closed).toBe(1011);
    expect(await (await fetch(`http://${base()}/json/list`, { headers: headers() })).json()).toEqual([]);
  });

  it('the chrome profile goes through the relay and says so when no extension is connected', async () => {
    const c = await gw.client();
    const err = await c.request('browser.request', { profile: 'chrome', action: 'tabs' }).then(
      (r) => r,
      (e) => e.error,
    );
    expect(err).toMatchObject({ running: false, tabs: [] });
    const start = await c.request('browser.request', { profile: 'chrome', action: 'start' }).catch((e) => e.error);
    expect(start.message).toMatch(/extension relay/);
    c.close();
  });
});
