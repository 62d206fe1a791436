import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { runCli } from '../cli/run-cli.js';
import type { FakeModelProvider } from '../fakes/model-provider.js';
import type { FakeTelegramApi } from '../fakes/telegram-bot-api.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { agentConfig, BOTS, delay, messagesTo, modelSaw, sentText, startFakes } from './telegram-harness.js';

const ALICE = 111;
const STRANGER = 222;
const NEWCOMER = 333;
const GROUP = -1001234567890;

let tg: FakeTelegramApi;
let model: FakeModelProvider;
let gw: GatewayProcess;
let client: GatewayClient;

beforeAll(async () => {
  ({ tg, model } = await startFakes());
  gw = await startGateway({
    config: {
      ...agentConfig(model),
      channels: {
        telegram: {
          apiRoot: tg.apiRoot,
          accounts: {
            main: {
              botToken: BOTS.main.token,
              mediaMaxMb: 0.004,
              dmPolicy: 'allowlist',
              allowFrom: [String(ALICE)],
              groups: { [String(GROUP)]: { requireMention: true } },
            },
            pair: { botToken: BOTS.pair.token },
            broken: { botToken: '999:not-a-real-token' },
            offline: { botToken: '555:unreachable', apiRoot: 'http://127.0.0.1:9' },
          },
        },
      },
      plugins: { entries: { delivery: { config: { outbound: { baseBackoffMs: 100, maxBackoffMs: 400 } } } } },
    },
  });
  client = await gw.client();
}, 30_000);

/**
 * A request on a live connection: agents stream every reply as broadcast events, and a test
 * worker slowed by parallel suites can be closed as a slow consumer (1013) — reconnect then.
 */
async function call(method: string, params?: unknown): Promise<any> {
  if (client.closeCode !== undefined) client = await gw.client();
  return client.request(method, params, { timeoutMs: 10_000 });
}

afterAll(async () => {
  client?.close();
  await gw?.stop();
  await tg?.close();
  await model?.close();
});

describe('telegram channel (real gateway, fake Bot API, fake model)', () => {
  it('answers an allowed DM through the agent, typing while it thinks', async () => {
    // A slow model turn: long enough for the typing indicator (quick answers skip it).
    model.script({ delayMs: 1500 });
    tg.injectText(BOTS.main.token, { chatId: ALICE, fromId: ALICE, text: 'hello gateway' });
    const reply = await tg.waitFor(
      (c) =>
        c.method === 'sendMessage' &&
        c.ok &&
        String(c.params.chat_id) === String(ALICE) &&
        sentText(c).includes('hello gateway'),
      15_000,
    );
    expect(sentText(reply)).toContain('echo: hello gateway');
    expect(modelSaw(model, 'hello gateway')).toBe(true);
    expect(
      tg
        .sent(BOTS.main.token)
        .some(
          (c) =>
            c.method === 'sendChatAction' && c.params.action === 'typing' && String(c.params.chat_id) === String(ALICE),
        ),
    ).toBe(true);
    // The update was confirmed (offset advanced) once stored.
    await expect.poll(() => tg.confirmedOffset(BOTS.main.token), { timeout: 5000 }).toBeGreaterThan(0);
  });

  it('never lets a stranger reach the model under allowlist', async () => {
    tg.injectText(BOTS.main.token, { chatId: STRANGER, fromId: STRANGER, text: 'stranger secret question' });
    // Updates of one bot are handled in order: once Alice's later message is answered, the stranger's was handled.
    tg.injectText(BOTS.main.token, { chatId: ALICE, fromId: ALICE, text: 'after the stranger' });
    await tg.waitFor((c) => c.method === 'sendMessage' && c.ok && sentText(c).includes('after the stranger'), 15_000);
    expect(modelSaw(model, 'stranger secret question')).toBe(false);
    expect(messagesTo(tg, BOTS.main.token, STRANGER)).toHaveLength(0);
  });

  it('pairs an unknown sender: code first, nothing to the model, then answered after approval', async () => {
    const events: any[] = [];
    const off = client.onEvent((e) => e.event === 'pairing.requested' && events.push(e.payload));
    tg.injectText(BOTS.pair.token, {
      chatId: NEWCOMER,
      fromId: NEWCOMER,
      text: 'let me in please',
      username: 'newbie',
    });
    const codeMsg = await tg.waitFor(
      (c) =>
        c.token === BOTS.pair.token &&
        c.method === 'sendMessage' &&
        c.ok &&
        String(c.params.chat_id) === String(NEWCOMER),
      10_000,
    );
    const code = /pairing code: ([A-Z0-9]{8})/.exec(sentText(codeMsg))?.[1];
    expect(code).toBeDefined();
    expect(sentText(codeMsg)).toContain(`moltbot pairing approve telegram ${code}`);
    expect(modelSaw(model, 'let me in please')).toBe(false);
    const list = await call('pairing.list', { channel: 'telegram' });
    expect(list.requests).toEqual([
      expect.objectContaining({
        channel: 'telegram',
        accountId: 'pair',
        code,
        senderId: String(NEWCOMER),
        senderUsername: 'newbie',
      }),
    ]);
    await expect.poll(() => events.length).toBe(1);
    off();

    // A second message before approval gets no second code and still reaches nobody.
    tg.injectText(BOTS.pair.token, { chatId: NEWCOMER, fromId: NEWCOMER, text: 'still waiting' });
    await delay(500);
    expect(modelSaw(model, 'still waiting')).toBe(false);

    const wrong = await call('pairing.approve', { channel: 'telegram', code: 'ZZZZZZZZ' }).catch((e) => e);
    expect(wrong.error.code).toBe('NOT_FOUND');
    // The operator's way: the CLI against this gateway.
    const cliList = await runCli(['pairing', 'list', '--url', gw.url, '--token', gw.token, '--json'], {
      home: gw.home,
    });
    expect(JSON.parse(cliList.stdout).requests.map((r: any) => r.code)).toContain(code);
    const cli = await runCli(
      ['pairing', 'approve', 'telegram', code!.toLowerCase(), '--url', gw.url, '--token', gw.token, '--json'],
      { home: gw.home },
    );
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout).approved).toMatchObject({ senderId: String(NEWCOMER), code });
    await tg.waitFor((c) => c.token === BOTS.pair.token && c.ok && sentText(c).includes("You're approved"), 10_000);
    expect((await call('pairing.list', {})).requests).toHaveLength(0);

    tg.injectText(BOTS.pair.token, { chatId: NEWCOMER, fromId: NEWCOMER, text: 'now I am known' });
    const answer = await tg.waitFor(
      (c) => c.token === BOTS.pair.token && c.ok && sentText(c).includes('echo: now I am known'),
      15_000,
    );
    expect(String(answer.params.chat_id)).toBe(String(NEWCOMER));
    expect(messagesTo(tg, BOTS.pair.token, NEWCOMER).filter((c) => /pairing code/.test(sentText(c)))).toHaveLength(1);
  });

  it('answers in a group only when mentioned, threaded to the triggering message', async () => {
    tg.injectText(BOTS.main.token, {
      chatId: GROUP,
      fromId: ALICE,
      text: 'chatting among humans',
      chatType: 'supergroup',
    });
    const mention = tg.injectText(BOTS.main.token, {
      chatId: GROUP,
      fromId: ALICE,
      text: '@moltbot_test_bot what is up',
      chatType: 'supergroup',
    });
    const reply = await tg.waitFor(
      (c) => c.method === 'sendMessage' && c.ok && String(c.params.chat_id) === String(GROUP),
      15_000,
    );
    expect(sentText(reply)).toContain('what is up');
    expect(
      (reply.params.reply_parameters as any)?.message_id ??
        JSON.parse(String(reply.params.reply_parameters ?? '{}')).message_id,
    ).toBe(mention.message!.message_id);
    // Not a turn of its own: it reached the model only as context of the turn that mentioned the bot.
    const withIt = model.requests.filter((r) => JSON.stringify(r.body ?? '').includes('chatting among humans'));
    expect(withIt).toHaveLength(1);
    expect(JSON.stringify(withIt[0]!.body)).toContain('what is up');

    // A reply to the bot's message counts as addressing it.
    tg.injectText(BOTS.main.token, {
      chatId: GROUP,
      fromId: ALICE,
      text: 'replying to you bot',
      chatType: 'supergroup',
      replyToBotMessage: true,
    });
    await tg.waitFor((c) => c.method === 'sendMessage' && c.ok && sentText(c).includes('replying to you bot'), 15_000);
  });

  it('splits a long reply on paragraph boundaries within the 4000 limit, in order', async () => {
    const paragraphs = Array.from(
      { length: 6 },
      (_, i) => `Paragraph ${i + 1}. ${'lorem ipsum dolor sit amet '.repeat(55).trim()}.`,
    );
    const long = paragraphs.join('\n\n');
    expect(long.length).toBeGreaterThan(8000);
    model.script({ text: long });
    tg.injectText(BOTS.main.token, { chatId: ALICE, fromId: ALICE, text: 'tell me a long story' });
    const parts = await waitForParts(
      () => messagesTo(tg, BOTS.main.token, ALICE).filter((c) => sentText(c).includes('lorem ipsum')),
      (p) => p.map(sentText).join('\n\n').includes('Paragraph 6.'),
    );
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const p of parts) expect(sentText(p).length).toBeLessThanOrEqual(4000);
    // Every cut is at a paragraph boundary: each part starts a paragraph.
    for (const p of parts) expect(sentText(p)).toMatch(/^Paragraph \d\./);
    expect(parts.map(sentText).join('\n\n')).toBe(long);
  });

  it('downloads inbound photos into the media folder (0600) and refuses files over the size cap', async () => {
    tg.addFile('photo-small', Buffer.alloc(300, 1), 'photos/small.jpg');
    tg.addFile('doc-big', Buffer.alloc(5000, 2), 'documents/big.pdf');
    const date = Math.floor(Date.now() / 1000);
    const from = { id: ALICE, is_bot: false, first_name: 'Alice' };
    const chat = { id: ALICE, type: 'private' as const, first_name: 'Alice' };
    tg.injectUpdate(BOTS.main.token, {
      message: {
        message_id: 9001,
        date,
        chat,
        from,
        caption: 'what is in this photo',
        photo: [{ file_id: 'photo-small', file_unique_id: 'u1', width: 10, height: 10, file_size: 300 }],
      },
    } as any);
    const photoReq = await model.waitForRequest(
      (r) => JSON.stringify(r.body ?? '').includes('what is in this photo'),
      15_000,
    );
    // 300 bytes that are no image: sniffed as a file, copied into the workspace for the file tools.
    const copy = /saved in your workspace at inbound\/([^\s;]+)/.exec(JSON.stringify(photoReq.body))?.[1];
    expect(copy).toMatch(/^telegram-[0-9a-f]{8}-small\.jpg$/);
    const saved = path.join(gw.stateDir, 'media', 'inbound', copy!);
    expect(fs.statSync(saved).size).toBe(300);
    expect(fs.statSync(saved).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(gw.home, 'clawd', 'inbound', copy!)).mode & 0o777).toBe(0o600);
    tg.injectUpdate(BOTS.main.token, {
      message: {
        message_id: 9002,
        date,
        chat,
        from,
        caption: 'too big a document',
        document: { file_id: 'doc-big', file_unique_id: 'u2', file_name: 'big.pdf', file_size: 5000 },
      },
    } as any);
    const docReq = await model.waitForRequest(
      (r) => JSON.stringify(r.body ?? '').includes('too big a document'),
      15_000,
    );
    expect(JSON.stringify(docReq.body)).toContain(
      'attachment not received: document big.pdf not received: the file is 4.9 KB, over the 4.1 KB limit for ' +
        'attachments (channels.telegram.mediaMaxMb)',
    );
    // The sender is told at once.
    await tg.waitFor(
      (c) => c.ok && String(c.params.chat_id) === String(ALICE) && /^⚠️ document big.pdf/.test(sentText(c)),
    );
  });

  it('sends media with a rendered caption, and falls back to plain text when Telegram rejects the markup', async () => {
    // Local media must live in the workspace (or <state>/media): anything else is refused.
    const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tg-media-')), 'picture.png');
    fs.writeFileSync(outside, Buffer.from('89504e470d0a1a0a0000', 'hex'));
    const refused = await call('send', {
      channel: 'telegram',
      accountId: 'main',
      to: String(ALICE),
      message: 'x',
      mediaUrl: outside,
      idempotencyKey: 'media-0',
    }).catch((e: any) => e.error);
    expect(refused).toMatchObject({ code: 'INVALID_REQUEST', details: { errorCode: 'GW_ERR_DELIVERY_MEDIA_SOURCE' } });
    const secret = await call('send', {
      channel: 'telegram',
      accountId: 'main',
      to: String(ALICE),
      message: 'x',
      mediaUrl: gw.configPath,
      idempotencyKey: 'media-00',
    }).catch((e: any) => e.error);
    expect(secret.code).toBe('INVALID_REQUEST');
    const workspace = path.join(gw.home, 'clawd');
    fs.mkdirSync(workspace, { recursive: true });
    const file = path.join(workspace, 'picture.png');
    fs.copyFileSync(outside, file);
    await call('send', {
      channel: 'telegram',
      accountId: 'main',
      to: String(ALICE),
      message: 'a **photo**',
      mediaUrl: file,
      idempotencyKey: 'media-1',
    });
    const photo = await tg.waitFor((c) => c.method === 'sendPhoto' && c.ok, 10_000);
    expect(photo.files.photo).toBeDefined();
    expect(photo.params).toMatchObject({ caption: 'a <b>photo</b>', parse_mode: 'HTML' });

    tg.setRejectParseMode(true);
    try {
      await call('send', {
        channel: 'telegram',
        accountId: 'main',
        to: String(ALICE),
        message: '**strong** words',
        idempotencyKey: 'plain-1',
      });
      const plain = await tg.waitFor(
        (c) => c.method === 'sendMessage' && c.ok && c.params.text === 'strong words',
        10_000,
      );
      expect(plain.params.parse_mode).toBeUndefined();
      expect(tg.sent(BOTS.main.token).some((c) => !c.ok && c.params.text === '<b>strong</b> words')).toBe(true);
    } finally {
      tg.setRejectParseMode(false);
    }
  });

  it('delivers `send` once despite a retried idempotency key', async () => {
    const params = {
      channel: 'telegram',
      accountId: 'main',
      to: String(ALICE),
      message: 'exactly once please',
      idempotencyKey: 'idem-telegram-1',
    };
    const first = await call('send', params);
    expect(first).toMatchObject({ channel: 'telegram', to: String(ALICE), messageId: expect.any(String) });
    const second = await call('send', params);
    const other = await gw.client();
    const third = await other.request('send', params);
    other.close();
    expect(second.messageId).toBe(first.messageId);
    expect(third.messageId).toBe(first.messageId);
    await tg.waitFor((c) => c.ok && sentText(c) === 'exactly once please', 10_000);
    await delay(800);
    expect(tg.sent(BOTS.main.token).filter((c) => c.ok && sentText(c) === 'exactly once please')).toHaveLength(1);
  });

  it('retries delivery after the Bot API fails, keeping per-chat order', async () => {
    tg.failNext('sendMessage', 2, { status: 502, description: 'Bad Gateway' });
    await call('send', {
      channel: 'telegram',
      accountId: 'main',
      to: String(ALICE),
      message: 'first after outage',
      idempotencyKey: 'retry-1',
    });
    await call('send', {
      channel: 'telegram',
      accountId: 'main',
      to: String(ALICE),
      message: 'second after outage',
      idempotencyKey: 'retry-2',
    });
    await tg.waitFor((c) => c.ok && sentText(c) === 'second after outage', 15_000);
    const calls = tg.sent(BOTS.main.token).filter((c) => /after outage/.test(sentText(c)));
    expect(calls.filter((c) => !c.ok)).toHaveLength(2);
    const delivered = calls.filter((c) => c.ok).map(sentText);
    expect(delivered).toEqual(['first after outage', 'second after outage']);
  });

  it('dead-letters a message Telegram refuses for good and shows it in channels.status', async () => {
    tg.failNext('sendMessage', 1, { status: 400, description: 'Bad Request: chat not found' });
    const { messageId } = await call('send', {
      channel: 'telegram',
      accountId: 'main',
      to: '424242',
      message: 'to nowhere',
      idempotencyKey: 'dead-1',
    });
    await expect
      .poll(async () => (await call('channels.status')).deadLetters.map((d: any) => d.messageId), { timeout: 10_000 })
      .toContain(messageId);
    const status = await call('channels.status');
    expect(status.deadLetters.find((d: any) => d.messageId === messageId)).toMatchObject({
      channel: 'telegram',
      to: '424242',
      error: expect.stringContaining('chat not found'),
    });
    expect(status.channels.telegram.outbound.dead).toBeGreaterThanOrEqual(1);
    // The gateway-wide status shows dead letters too.
    const core = await call('status');
    expect(core.outbound.deadLetters).toBeGreaterThanOrEqual(1);
    expect(core.errors.deadLetters).toBe(core.outbound.deadLetters);
  });

  it('shows "token invalid" for a bot token Telegram answers 401, other accounts unaffected', async () => {
    await expect
      .poll(
        async () =>
          (await call('channels.status')).channels.telegram.accounts.find((a: any) => a.accountId === 'broken')?.state,
        { timeout: 10_000 },
      )
      .toBe('token-invalid');
    const status = await call('channels.status');
    const broken = status.channels.telegram.accounts.find((a: any) => a.accountId === 'broken');
    expect(broken.lastError).toMatch(/token invalid/);
    expect(broken.hint).toMatch(/BotFather/);
    expect(JSON.stringify(status)).not.toContain('999:not-a-real-token');
    const main = status.channels.telegram.accounts.find((a: any) => a.accountId === 'main');
    expect(main).toMatchObject({ linked: true, state: 'running', identity: '@moltbot_test_bot' });
    const refused = await call('send', {
      channel: 'telegram',
      accountId: 'broken',
      to: '1',
      message: 'x',
      idempotencyKey: 'broken-1',
    }).catch((e) => e);
    expect(refused.error.code).toBe('NOT_LINKED');
  });

  it('backs off on network failures and says so in status', async () => {
    await expect
      .poll(
        async () =>
          (await call('channels.status')).channels.telegram.accounts.find((a: any) => a.accountId === 'offline'),
        { timeout: 10_000 },
      )
      .toMatchObject({
        state: 'retrying',
        linked: false,
        lastError: expect.stringMatching(/network error.*ECONNREFUSED/),
        hint: expect.stringMatching(/apiRoot/),
      });
    // Fetch errors quote the request URL, which carries the token: never shown or logged.
    expect(JSON.stringify(await call('channels.status'))).not.toContain('555:unreachable');
    expect(gw.output() + gw.stderr()).not.toContain('555:unreachable');
    expect(fs.readFileSync(path.join(gw.stateDir, 'logs', 'gateway.log'), 'utf8')).not.toMatch(
      /555:unreachable|999:not-a-real-token|123:abc/,
    );
  });

  it('reports every account in health and status, with telegram as linkChannel', async () => {
    const health = await call('health');
    expect(health.channels.telegram.accounts.map((a: any) => a.accountId).sort()).toEqual([
      'broken',
      'main',
      'offline',
      'pair',
    ]);
    expect(health.channels.telegram.linked).toBe(true);
    expect(health.linkChannel).toEqual({ id: 'telegram', linked: true });
    const status = await call('status');
    expect(status.channels.telegram.accounts).toHaveLength(4);
  });

  it('answers /status without the agent and registers the command menu', async () => {
    const before = model.requests.length;
    tg.injectText(BOTS.main.token, { chatId: ALICE, fromId: ALICE, text: '/status' });
    const reply = await tg.waitFor(
      (c) => c.ok && c.method === 'sendMessage' && sentText(c).includes('Moltbot gateway'),
      10_000,
    );
    expect(sentText(reply)).toContain('telegram');
    expect(model.requests.length).toBe(before);
    const menu = tg.sent(BOTS.main.token).find((c) => c.method === 'setMyCommands');
    expect(JSON.stringify(menu?.params.commands)).toContain('status');
  });
});

async function waitForParts<T>(get: () => T[], done: (items: T[]) => boolean, timeoutMs = 15_000): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const items = get();
    if (done(items) || Date.now() > deadline) return items;
    await delay(100);
  }
}
