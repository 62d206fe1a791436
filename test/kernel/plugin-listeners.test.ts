import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineErrors, definePlugin, Type } from '../../sdk/index.js';
import { startTestGateway, type TestGateway } from '../../sdk/testing.js';
import { freePort } from '../support/free-port.js';

const sideErrors = defineErrors({ GW_ERR_SIDE_PORT_TICKET: { wire: 'UNAUTHORIZED', status: 401 } });

/** A plugin with a port of its own: answers with its generation, contributes a hello-ok field. */
const sidePort = definePlugin({
  id: 'side-port',
  version: '1.0.0',
  sdk: '^1.0.0',
  configSchema: Type.Object({ port: Type.Integer(), tag: Type.String({ default: 'a' }) }),
  async register(_app, ctx) {
    const listener = await ctx.listeners.open({
      label: 'side port',
      host: '127.0.0.1',
      port: ctx.config.port,
      routes(app) {
        app.get('/whoami', async () => ({ generation: ctx.generation, tag: ctx.config.tag }));
        app.get('/open', { config: { auth: false } }, async () => ({ open: true }));
      },
      // Refusals only: a coded one (answered with its status and body), and a crash (500, hidden).
      upgrade(req) {
        if (req.url === '/ws-ticket') throw sideErrors.create('GW_ERR_SIDE_PORT_TICKET', 'bring a ticket');
        throw new Error('secret internals');
      },
    });
    ctx.hello.contribute('canvasHostUrl', (client) => `http://${client.host?.split(':')[0]}:${listener.port}`);
  },
});

const cfg = (port: number, tag = 'a', enabled = true) => ({
  plugins: { entries: { 'side-port': { enabled, config: { port, tag } } } },
});

function connectRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

let gw: TestGateway;
let port: number;
beforeAll(async () => {
  port = await freePort();
  gw = await startTestGateway({ plugins: [sidePort], config: cfg(port) });
});
afterAll(async () => {
  await gw?.close();
});

const get = (p: number, path: string) =>
  fetch(`http://127.0.0.1:${p}${path}`, { headers: { authorization: `Bearer ${gw.token}` } });

describe('a plugin listener (ctx.listeners.open)', () => {
  it('serves its routes with the gateway preamble: bearer auth, auth:false routes, Host check', async () => {
    expect(await (await get(port, '/whoami')).json()).toMatchObject({ tag: 'a' });
    expect((await fetch(`http://127.0.0.1:${port}/whoami`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${port}/whoami`, { headers: { authorization: 'Bearer nope' } })).status).toBe(
      401,
    );
    expect((await fetch(`http://127.0.0.1:${port}/open`)).status).toBe(200);
    // fetch cannot set Host; a rebinding page's request carries the attacker's name.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port,
          path: '/whoami',
          headers: { host: 'evil.example', authorization: `Bearer ${gw.token}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
    });
    expect(status).toBe(403);
  });

  it('refuses upgrades in the gateway body: Host check, a plugin’s coded error, a crash as INTERNAL', async () => {
    const upgrade = (path: string, host = `127.0.0.1:${port}`) =>
      new Promise<string>((resolve, reject) => {
        const s = net.connect(port, '127.0.0.1');
        let data = '';
        s.on('data', (d) => (data += d.toString()));
        s.on('end', () => resolve(data));
        s.on('error', reject);
        s.write(
          `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        );
      });
    const body = (raw: string) => JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
    const shape = (code: string, errorCode: string) => ({
      error: { code, type: code.toLowerCase(), message: expect.any(String), details: { errorCode } },
    });
    const foreign = await upgrade('/ws-ticket', 'evil.example');
    expect(foreign).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(body(foreign)).toEqual(shape('FORBIDDEN', 'GW_ERR_HOST_FORBIDDEN'));
    const ticket = await upgrade('/ws-ticket');
    expect(ticket).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
    expect(ticket.toLowerCase()).toContain('www-authenticate: bearer');
    expect(body(ticket)).toEqual(shape('UNAUTHORIZED', 'GW_ERR_SIDE_PORT_TICKET'));
    expect(body(ticket).error.message).toBe('bring a ticket');
    const crash = await upgrade('/ws-crash');
    expect(crash).toMatch(/^HTTP\/1\.1 500 /);
    expect(crash).not.toContain('secret internals');
    expect(body(crash)).toEqual({
      error: {
        code: 'INTERNAL',
        type: 'internal',
        message: 'internal error',
        details: { errorCode: 'GW_ERR_INTERNAL' },
      },
    });
  });

  it('contributes hello-ok.canvasHostUrl from the Host the client dialled', async () => {
    const c = await gw.client();
    expect(c.hello.canvasHostUrl).toBe(`http://127.0.0.1:${port}`);
    c.close();
  });

  it('keeps the port through a reload: the next generation answers, no moment of connect refused', async () => {
    const before = (await (await get(port, '/whoami')).json()).generation;
    let refused = 0;
    let polling = true;
    const poll = (async () => {
      while (polling) {
        if (await connectRefused(port)) refused++;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await gw.setConfig(cfg(port, 'b'));
    polling = false;
    await poll;
    const after = await (await get(port, '/whoami')).json();
    expect(after).toMatchObject({ tag: 'b' });
    expect(after.generation).toBeGreaterThan(before);
    expect(refused).toBe(0);
    expect((await gw.leftovers('side-port')).undisposedEffects).toBe(0);
  });

  it('moves to a new port on a port change and frees the old one', async () => {
    const next = await freePort();
    await gw.setConfig(cfg(next, 'c'));
    expect(await (await get(next, '/whoami')).json()).toMatchObject({ tag: 'c' });
    expect(await connectRefused(port)).toBe(true);
    port = next;
  });

  it('a port held by another process fails register with GW_ERR_PLUGIN_PORT_IN_USE; the gateway stays up', async () => {
    const blocker = net.createServer();
    const taken = await freePort();
    await new Promise<void>((r) => blocker.listen(taken, '127.0.0.1', r));
    try {
      await gw.setConfig(cfg(taken, 'd'));
      const c = await gw.client();
      const list = await c.request('plugins.list');
      const me = list.plugins.find((p: any) => p.id === 'side-port');
      // The failed reload keeps the running generation (on the old port).
      expect(me.state).toBe('active');
      expect(me.lastError.code).toBe('GW_ERR_PLUGIN_PORT_IN_USE');
      expect(me.lastError.message).toContain(`127.0.0.1:${taken}`);
      c.close();
      expect(await (await get(port, '/whoami')).json()).toMatchObject({ tag: 'c' });
    } finally {
      blocker.close();
    }
  });

  it('unload closes the port (connect refused), withdraws the hello-ok field, leaves nothing behind', async () => {
    await gw.setConfig(cfg(port, 'c', false));
    expect(await connectRefused(port)).toBe(true);
    const left = await gw.leftovers('side-port');
    expect(left.listeners).toEqual([]);
    expect(left.undisposedEffects).toBe(0);
    expect(left.activeLeases).toBe(0);
    const c = await gw.client();
    expect(c.hello.canvasHostUrl).toBeUndefined();
    c.close();
    // Enabled again at once: binds the same port afresh.
    await gw.setConfig(cfg(port, 'e'));
    expect(await (await get(port, '/whoami')).json()).toMatchObject({ tag: 'e' });
  });
});
