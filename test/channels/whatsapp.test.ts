import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import deliveryPlugin from '../../plugins/delivery/index.js';
import { whatsappPlugin } from '../../plugins/whatsapp/whatsapp-plugin.js';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { runCli } from '../cli/run-cli.js';
import { type FakeWASocket, fakeSocketFactory, waText } from './fake-wa-socket.js';
import { echoAgentPlugin, type InProcessGateway, startInProcessGateway } from './in-process-gateway.js';

const OWNER = '15550001111';
const STRANGER = '15552223333';
const SELF = '15559990000';
const GROUP = '120363000000000001@g.us';

const fake = fakeSocketFactory();
const agent = echoAgentPlugin();
let gw: InProcessGateway;
let client: GatewayClient;
let authDir: string;

const baseConfig = {
  channels: {
    whatsapp: {
      dmPolicy: 'allowlist',
      allowFrom: [`+${OWNER}`],
      groups: { [GROUP]: { requireMention: true } },
      reconnectBaseMs: 20,
      maxReconnectAttempts: 2,
    },
  },
  plugins: { entries: { delivery: { config: { outbound: { baseBackoffMs: 50, maxBackoffMs: 200 } } } } },
};

const accountStatus = async () => (await client.request('channels.status')).channels.whatsapp.accounts[0];
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mode = (file: string) => fs.statSync(file).mode & 0o777;

async function sentTo(sock: FakeWASocket, jid: string, predicate: (text: string) => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = sock.sent.find((m) => m.jid === jid && predicate(String(m.content.text ?? m.content.caption ?? '')));
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`nothing sent to ${jid} matching; sent: ${JSON.stringify(sock.sent)}`);
    await delay(20);
  }
}

/** Run `channels.login` to the open connection on the next socket; returns that socket. */
async function link(): Promise<FakeWASocket> {
  const n = fake.sockets.length + 1;
  const login = client.request('channels.login', { channel: 'whatsapp' });
  const sock = await fake.next(n);
  sock.qr(`QR-${n}`);
  sock.writeCreds();
  sock.open();
  await expect(login).resolves.toEqual({ channel: 'whatsapp', accountId: 'default', linked: true });
  return sock;
}

/** Media URLs the gateway fetches itself: this server stands for the web (127.0.0.1 allowed here, 127.0.0.2 not). */
let mediaServer: http.Server;
let mediaBase: string;
const CAT = Buffer.from('cat-jpeg-bytes');

beforeAll(async () => {
  mediaServer = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(CAT));
  await new Promise<void>((r) => mediaServer.listen(0, '127.0.0.1', r));
  mediaBase = `http://127.0.0.1:${(mediaServer.address() as AddressInfo).port}`;
  gw = await startInProcessGateway({
    config: baseConfig,
    plugins: [
      { def: agent.def },
      { def: deliveryPlugin },
      {
        def: whatsappPlugin(fake.factory, {
          blockedAddress: (a) => (a === '127.0.0.1' ? undefined : `${a} is not the test web`),
        }),
        enabled: (root) => Boolean((root.channels as any)?.whatsapp),
      },
    ],
  });
  client = await gw.client();
  authDir = path.join(gw.paths.stateDir, 'credentials', 'whatsapp', 'default');
}, 20_000);

afterAll(async () => {
  client?.close();
  await gw?.stop();
  await new Promise((r) => mediaServer?.close(r));
});

describe('whatsapp channel (real kernel + delivery, scripted Baileys socket)', () => {
  it('starts unlinked and says how to link', async () => {
    const account = await accountStatus();
    expect(account).toMatchObject({ accountId: 'default', linked: false, state: 'not-linked' });
    expect(account.hint).toContain('moltbot channels login --channel whatsapp');
    expect(fake.sockets).toHaveLength(0);
  });

  it('links through channels.login: QR surfaced to the caller and other admins, 515 restart handled once', async () => {
    const watcher = await gw.client();
    const seenByWatcher: any[] = [];
    watcher.onEvent((e) => e.event === 'channels.login' && seenByWatcher.push(e.payload));
    const seenByCaller: any[] = [];
    const off = client.onEvent((e) => e.event === 'channels.login' && seenByCaller.push(e.payload));

    const login = client.request('channels.login', { channel: 'whatsapp' });
    const first = await fake.next(1);
    first.qr('2@QR-CODE-ONE');
    await expect
      .poll(() => seenByCaller.find((p) => p.status === 'qr'))
      .toMatchObject({
        channel: 'whatsapp',
        accountId: 'default',
        qr: '2@QR-CODE-ONE',
        qrDataUrl: expect.stringMatching(/^data:image\/png;base64,/),
      });
    await expect.poll(() => seenByWatcher.some((p) => p.qr === '2@QR-CODE-ONE')).toBe(true);
    expect((await accountStatus()).state).toBe('qr');

    // Scanned: Baileys saves the credentials, then asks for a restart (515).
    first.writeCreds();
    first.close(515);
    const second = await fake.next(2);
    second.open();
    await expect(login).resolves.toEqual({ channel: 'whatsapp', accountId: 'default', linked: true });
    expect(seenByCaller.at(-1)).toMatchObject({ status: 'linked' });
    off();
    watcher.close();

    const account = await accountStatus();
    expect(account).toMatchObject({ linked: true, state: 'running', identity: `+${SELF}` });
    const health = await client.request('health');
    expect(health.channels.whatsapp.linked).toBe(true);
    expect(health.linkChannel).toEqual({ id: 'whatsapp', linked: true });
  });

  it('keeps credentials private: dirs 0700, files 0600', () => {
    expect(mode(path.join(gw.paths.stateDir, 'credentials'))).toBe(0o700);
    expect(mode(path.dirname(authDir))).toBe(0o700);
    expect(mode(authDir)).toBe(0o700);
    for (const f of fs.readdirSync(authDir)) expect([f, mode(path.join(authDir, f))]).toEqual([f, 0o600]);
    expect(fs.existsSync(path.join(authDir, 'creds.json'))).toBe(true);
  });

  it('answers an allowed DM (text, extended text, caption) with read receipts and composing presence', async () => {
    const sock = fake.sockets.at(-1)!;
    // A slow turn shows "typing…" (composing); quick ones skip it.
    agent.thinkMs.value = 1200;
    sock.upsert([waText(OWNER, 'IN-1', 'hello from whatsapp')]);
    const reply = await sentTo(sock, `${OWNER}@s.whatsapp.net`, (t) => t.includes('hello from whatsapp'));
    agent.thinkMs.value = 0;
    expect(reply.content.text).toBe('echo: hello from whatsapp');
    expect(sock.read).toContainEqual(expect.objectContaining({ id: 'IN-1' }));
    expect(sock.presence).toContainEqual({ type: 'composing', jid: `${OWNER}@s.whatsapp.net` });

    sock.upsert([
      {
        key: { remoteJid: `${OWNER}@s.whatsapp.net`, fromMe: false, id: 'IN-2' },
        message: { imageMessage: { caption: 'look at this picture' } },
      },
    ]);
    await sentTo(sock, `${OWNER}@s.whatsapp.net`, (t) => t.includes('look at this picture'));
    // Our own messages and history syncs are not inbound.
    sock.upsert([
      {
        key: { remoteJid: `${OWNER}@s.whatsapp.net`, fromMe: true, id: 'IN-3' },
        message: { conversation: 'said by me' },
      },
    ]);
    sock.upsert([waText(OWNER, 'IN-4', 'old history line')], 'append');
    await delay(200);
    expect(agent.submitted.some((s) => /said by me|old history line/.test(s.message))).toBe(false);
  });

  it('never lets a stranger reach the agent under allowlist', async () => {
    const sock = fake.sockets.at(-1)!;
    sock.upsert([waText(STRANGER, 'S-1', 'stranger asks something')]);
    sock.upsert([waText(OWNER, 'IN-5', 'owner after stranger')]);
    await sentTo(sock, `${OWNER}@s.whatsapp.net`, (t) => t.includes('owner after stranger'));
    expect(agent.submitted.some((s) => s.message.includes('stranger asks something'))).toBe(false);
    expect(sock.sent.some((m) => m.jid === `${STRANGER}@s.whatsapp.net`)).toBe(false);
  });

  it('answers in groups only when our number is mentioned or quoted, quoting the trigger', async () => {
    const sock = fake.sockets.at(-1)!;
    sock.upsert([waText(OWNER, 'G-1', 'humans talking', { group: GROUP })]);
    sock.upsert([
      waText(OWNER, 'G-2', `@${SELF} what do you think`, { group: GROUP, mentions: [`${SELF}@s.whatsapp.net`] }),
    ]);
    const reply = await sentTo(sock, GROUP, (t) => t.includes('what do you think'));
    expect(reply.options?.quoted?.key?.id).toBe('G-2');
    // Not a turn of its own: it reaches the agent only as context of the turn that mentioned it.
    expect(agent.submitted.filter((s) => s.message.includes('humans talking'))).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/for context\]\nTester: humans talking\n/) }),
    ]);
    sock.upsert([
      waText(OWNER, 'G-3', 'answering your message', { group: GROUP, quotedFromJid: `${SELF}:3@s.whatsapp.net` }),
    ]);
    await sentTo(sock, GROUP, (t) => t.includes('answering your message'));
    const groupRun = agent.submitted.find((s) => s.message.includes('answering your message'))!;
    expect(groupRun.message).toContain('[replying to: earlier bot message]');
    expect(groupRun.origin).toMatchObject({ chatType: 'group', chatId: GROUP, senderId: `+${OWNER}` });
  });

  it('sends through `send` with Markdown rendered to WhatsApp markup', async () => {
    const sock = fake.sockets.at(-1)!;
    const res = await client.request('send', {
      channel: 'whatsapp',
      to: `+${OWNER}`,
      message: '**bold** and ~~gone~~',
      idempotencyKey: 'wa-send-1',
    });
    expect(res).toMatchObject({ channel: 'whatsapp', to: `+${OWNER}` });
    const sent = await sentTo(sock, `${OWNER}@s.whatsapp.net`, (t) => t.includes('bold'));
    expect(sent.content.text).toBe('*bold* and ~gone~');
    await client.request('send', {
      channel: 'whatsapp',
      to: `+${OWNER}`,
      message: 'a picture',
      mediaUrl: `${mediaBase}/cat.jpg`,
      idempotencyKey: 'wa-media-1',
    });
    // Fetched by the gateway (not by Baileys, which would fetch any address) and sent as bytes.
    const media = await sentTo(sock, `${OWNER}@s.whatsapp.net`, (t) => t === 'a picture');
    expect(media.content).toEqual({ image: CAT, caption: 'a picture' });
    // A URL on an address the gateway may not fetch from: the text still goes, saying what is missing.
    const port = new URL(mediaBase).port;
    await client.request('send', {
      channel: 'whatsapp',
      to: `+${OWNER}`,
      message: 'the secret',
      mediaUrl: `http://127.0.0.2:${port}/secret.txt`,
      idempotencyKey: 'wa-media-2',
    });
    const told = await sentTo(sock, `${OWNER}@s.whatsapp.net`, (t) => t.startsWith('the secret'));
    expect(told.content).toEqual({
      text:
        `the secret\n\n⚠️ not attached: http://127.0.0.2:${port}/secret.txt is not fetched: ` +
        '127.0.0.2 is not the test web (only public addresses)',
    });
  });

  it('reconnects with backoff after a lost connection, then serves again', async () => {
    const before = fake.sockets.length;
    fake.sockets.at(-1)!.close(428);
    const next = await fake.next(before + 1);
    expect(['retrying', 'connecting']).toContain((await accountStatus()).state);
    next.open();
    await expect.poll(async () => (await accountStatus()).state).toBe('running');
  });

  it('stops on 440 (replaced by another session) without a retry loop, and alerts in status', async () => {
    const before = fake.sockets.length;
    fake.sockets.at(-1)!.close(440);
    await expect.poll(async () => (await accountStatus()).state).toBe('replaced');
    await delay(300);
    expect(fake.sockets.length).toBe(before);
    const account = await accountStatus();
    expect(account.lastError).toMatch(/replaced \(440\)/);
    expect(account.hint).toMatch(/other session/);
  });

  it('gives up after the configured reconnect attempts', async () => {
    await link();
    for (let i = 0; i <= 2; i++) {
      const before = fake.sockets.length;
      fake.sockets.at(-1)!.close(500);
      if (i < 2) await fake.next(before + 1);
    }
    await expect.poll(async () => (await accountStatus()).state).toBe('failed');
    const count = fake.sockets.length;
    await delay(300);
    expect(fake.sockets.length).toBe(count);
    expect((await accountStatus()).hint).toMatch(/gave up after 2 reconnect attempts/);
  });

  it('stops on 401 (logged out from the phone), removes the dead credentials and says to log in again', async () => {
    await link();
    const before = fake.sockets.length;
    fake.sockets.at(-1)!.close(401);
    await expect.poll(async () => (await accountStatus()).state).toBe('logged-out');
    const account = await accountStatus();
    expect(account.hint).toContain('moltbot channels login');
    expect(fs.existsSync(authDir)).toBe(false);
    await delay(200);
    expect(fake.sockets.length).toBe(before);
    const refused = await client
      .request('send', { channel: 'whatsapp', to: `+${OWNER}`, message: 'x', idempotencyKey: 'wa-logged-out' })
      .catch((e) => e);
    expect(refused.error.code).toBe('NOT_LINKED');
  });

  it('logs out through channels.logout and removes the credentials', async () => {
    const sock = await link();
    expect(fs.existsSync(path.join(authDir, 'creds.json'))).toBe(true);
    await expect(client.request('channels.logout', { channel: 'whatsapp' })).resolves.toEqual({
      channel: 'whatsapp',
      accountId: 'default',
      loggedOut: true,
    });
    expect(sock.loggedOut).toBe(true);
    expect(fs.existsSync(authDir)).toBe(false);
    expect(await accountStatus()).toMatchObject({ linked: false, state: 'not-linked' });
  });

  it('links from the terminal: `moltbot channels login` prints the QR and waits until linked', async () => {
    const n = fake.sockets.length + 1;
    const cli = runCli(
      [
        'channels',
        'login',
        '--channel',
        'whatsapp',
        '--url',
        `ws://127.0.0.1:${gw.port}`,
        '--token',
        gw.token,
        '--timeout',
        '20s',
      ],
      { home: path.dirname(gw.paths.stateDir), timeoutMs: 25_000 },
    );
    const sock = await fake.next(n, 15_000);
    sock.qr('2@TERMINAL-QR');
    await delay(300);
    sock.writeCreds();
    sock.open();
    const result = await cli;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Scan this QR code');
    expect(result.stdout).toMatch(/[▄▀█]/);
    expect(result.stdout).toContain('whatsapp linked');
    expect(await accountStatus()).toMatchObject({ state: 'running', linked: true });
    await client.request('channels.logout', { channel: 'whatsapp' });
  });

  it('links as the existing control UI does: web.login.start answers the QR, web.login.wait the scan', async () => {
    const n = fake.sockets.length + 1;
    const started = client.request('web.login.start', { force: false, timeoutMs: 30_000 });
    const sock = await fake.next(n);
    sock.qr('2@WEB-LOGIN-QR');
    const first = await started;
    expect(first).toEqual({
      qrDataUrl: expect.stringMatching(/^data:image\/png;base64,/),
      message: expect.stringContaining('Scan this QR'),
    });
    // Asked again before the scan: the same QR, no second socket.
    expect((await client.request('web.login.start', {})).qrDataUrl).toBe(first.qrDataUrl);
    expect(fake.sockets).toHaveLength(n);
    expect(await client.request('web.login.wait', { timeoutMs: 1000 })).toMatchObject({ connected: false });
    const waiting = client.request('web.login.wait', { timeoutMs: 20_000 });
    sock.writeCreds();
    sock.open();
    expect(await waiting).toMatchObject({ connected: true });
    expect(await accountStatus()).toMatchObject({ state: 'running', linked: true });
    expect(await client.request('web.login.start', {})).toEqual({ message: expect.stringContaining('already linked') });
    await client.request('channels.logout', { channel: 'whatsapp' });
  });

  it('reloads on a config edit (new socket takes the session over) and unloads cleanly', async () => {
    const old = await link();
    const before = fake.sockets.length;
    gw.writeConfig({
      ...baseConfig,
      channels: { whatsapp: { ...baseConfig.channels.whatsapp, sendReadReceipts: false } },
    });
    const fresh = await fake.next(before + 1, 10_000);
    expect(old.ended).toBe(true);
    fresh.open();
    await expect.poll(async () => (await accountStatus()).state).toBe('running');
    fresh.upsert([waText(OWNER, 'R-1', 'after reload')]);
    await sentTo(fresh, `${OWNER}@s.whatsapp.net`, (t) => t.includes('after reload'));
    expect(fresh.read).toHaveLength(0);

    gw.writeConfig({ plugins: baseConfig.plugins });
    await expect
      .poll(async () => Object.keys((await client.request('health')).channels), { timeout: 10_000 })
      .not.toContain('whatsapp');
    expect(fresh.ended).toBe(true);
    const count = fake.sockets.length;
    await delay(300);
    expect(fake.sockets.length).toBe(count);
    expect(fs.existsSync(path.join(gw.paths.stateDir, 'credentials', 'whatsapp', 'gateway.lock'))).toBe(false);
  });
});
