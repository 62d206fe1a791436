import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { type FakeModelProvider, type FakeModelRequest, startFakeModelProvider } from '../fakes/model-provider.js';
import { type FakeTelegramApi, type RecordedCall, startFakeTelegramApi } from '../fakes/telegram-bot-api.js';
import { type GatewayProcess, REPO_ROOT, startGateway } from '../support/gateway-process.js';
import { BOTS, sentText } from './telegram-harness.js';

/**
 * Chat commands, groups and media on Telegram (issue 17): the real gateway process, the fake
 * Bot API and the fake model provider. Tests run in order and share one gateway.
 */
const ALICE = 111; // owner
const BOB = 222; // allowed, not an owner
const GROUP = -1001111111111;
const TOKEN = BOTS.main.token;
const DICE = path.join(REPO_ROOT, 'test/fixtures/plugins/dice');
const CLASH = path.join(REPO_ROOT, 'test/fixtures/plugins/help-clash');
const WHISPER = path.join(REPO_ROOT, 'test/fixtures/plugins/whisper');

let tg: FakeTelegramApi;
let model: FakeModelProvider;
let gw: GatewayProcess;
let client: GatewayClient;

const config = (extra: { plugins?: Record<string, unknown> } = {}) => ({
  models: {
    providers: {
      fake: {
        baseUrl: model.baseUrl,
        apiKey: 'test-key',
        api: 'openai-completions',
        models: [{ id: 'test-model', reasoning: true }, { id: 'other-model' }],
      },
    },
  },
  agents: {
    defaults: {
      model: { primary: 'fake/test-model' },
      models: { 'fake/test-model': { alias: 'main' }, 'fake/other-model': { alias: 'alt' } },
    },
    list: [{ id: 'main', groupChat: { mentionPatterns: ['\\bmolty\\b'] } }],
  },
  channels: {
    telegram: {
      apiRoot: tg.apiRoot,
      botToken: TOKEN,
      dmPolicy: 'allowlist',
      allowFrom: [String(ALICE), String(BOB)],
      owners: [String(ALICE)],
      groups: { [String(GROUP)]: { requireMention: true } },
      mediaMaxMb: 0.5,
    },
  },
  plugins: {
    entries: {
      delivery: { config: { outbound: { baseBackoffMs: 100, maxBackoffMs: 400 } } },
      dice: { from: DICE },
      ...extra.plugins,
    },
  },
});

beforeAll(async () => {
  tg = await startFakeTelegramApi({ tokens: { [TOKEN]: BOTS.main.identity } });
  model = await startFakeModelProvider({ models: ['test-model', 'other-model'] });
  gw = await startGateway({ config: config() });
  client = await gw.client();
}, 30_000);

afterAll(async () => {
  client?.close();
  await gw?.stop();
  await tg?.close();
  await model?.close();
});

async function call(method: string, params?: unknown): Promise<any> {
  if (client.closeCode !== undefined) client = await gw.client();
  return client.request(method, params, { timeoutMs: 10_000 });
}

/** What the bot sent into a chat after `from` (a count of calls), joined per message. */
async function answer(chatId: number, match: RegExp, timeoutMs = 15_000): Promise<RecordedCall> {
  return tg.waitFor(
    (c) => c.method === 'sendMessage' && c.ok && String(c.params.chat_id) === String(chatId) && match.test(sentText(c)),
    timeoutMs,
  );
}

const dm = (fromId: number, text: string) => tg.injectText(TOKEN, { chatId: fromId, fromId, text });
const inGroup = (fromId: number, text: string) =>
  tg.injectText(TOKEN, { chatId: GROUP, fromId, text, chatType: 'supergroup' });
const completions = () => model.requests.filter((r) => r.path.endsWith('/chat/completions'));
const lastUserContent = (r: FakeModelRequest) => r.body.messages.filter((m: any) => m.role === 'user').at(-1).content;

describe('chat commands on telegram (real gateway, fake Bot API, fake model)', () => {
  it('/help lists the commands of every plugin, a third-party one included, without a model call', async () => {
    const before = completions().length;
    dm(ALICE, '/help');
    const help = sentText(await answer(ALICE, /^Commands:/));
    for (const name of [
      'help',
      'status',
      'whoami',
      'new',
      'reset',
      'stop',
      'model',
      'think',
      'verbose',
      'compact',
      'approve',
    ])
      expect(help).toContain(`/${name} — `);
    expect(help).toContain('/roll — Roll a die (dice plugin)');
    expect(help).toMatch(/\/model — .*\(owner\)/);
    expect(completions().length).toBe(before);
  });

  it('the bot menu (setMyCommands) carries the registered commands, the plugin’s included', async () => {
    await expect
      .poll(() => {
        const menu = tg
          .sent(TOKEN)
          .filter((c) => c.method === 'setMyCommands' && c.ok)
          .at(-1);
        return JSON.stringify(menu?.params.commands ?? []);
      })
      .toContain('"roll"');
    const menu = tg
      .sent(TOKEN)
      .filter((c) => c.method === 'setMyCommands' && c.ok)
      .at(-1)!;
    const commands = (
      typeof menu.params.commands === 'string' ? JSON.parse(menu.params.commands) : menu.params.commands
    ) as Array<{ command: string; description: string }>;
    expect(commands.map((c) => c.command)).toEqual(expect.arrayContaining(['help', 'status', 'compact', 'roll']));
    expect(commands.find((c) => c.command === 'roll')?.description).toBe('Roll a die (dice plugin)');
  });

  it('runs a plugin’s command, and /whoami and /status answer from the gateway', async () => {
    const before = completions().length;
    dm(BOB, '/roll 3');
    expect(sentText(await answer(BOB, /rolled/))).toMatch(/rolled 4/);
    dm(BOB, '/whoami');
    const who = sentText(await answer(BOB, /^You:/));
    expect(who).toContain(`id ${BOB}`);
    expect(who).toMatch(/Owner: no/);
    dm(ALICE, '/whoami');
    expect(sentText(await answer(ALICE, /^You:/))).toContain('Owner: yes');
    dm(ALICE, '/status');
    const status = sentText(await answer(ALICE, /Moltbot gateway/));
    expect(status).toContain('Channel: telegram (account default)');
    expect(status).toContain('Session: agent:main:main');
    expect(status).toMatch(/Model: fake\/test-model \(default\) · thinking off · verbose off/);
    expect(status).toMatch(/Context: ~\d+ tokens · \d+ message\(s\)/);
    expect(completions().length).toBe(before);
  });

  it('/model is for owners: refused to others without a model turn; an owner switches by alias and back', async () => {
    const before = completions().length;
    dm(BOB, '/model alt');
    expect(sentText(await answer(BOB, /only for the owner/))).toContain('/model');
    dm(ALICE, '/model nope/model');
    expect(sentText(await answer(ALICE, /not in agents\.defaults\.models/))).toContain('fake/other-model');
    dm(ALICE, '/model alt');
    await answer(ALICE, /Model: fake\/other-model for this session/);
    expect(completions().length).toBe(before);
    dm(ALICE, 'which model now');
    const req = await model.waitForRequest((r) => JSON.stringify(r.body ?? '').includes('which model now'), 15_000);
    expect(req.body.model).toBe('other-model');
    await answer(ALICE, /echo: which model now/);
    dm(ALICE, '/model default');
    await answer(ALICE, /Model: fake\/test-model \(the agent’s default\)/);
  });

  it('/think asks a reasoning model to think; /verbose posts tool calls before the answer', async () => {
    dm(BOB, '/think high');
    await answer(BOB, /^Thinking: high\.$/);
    dm(BOB, 'think about it');
    const thought = await model.waitForRequest((r) => JSON.stringify(r.body ?? '').includes('think about it'), 15_000);
    expect(thought.body.reasoning_effort).toBe('high');
    await answer(BOB, /echo: think about it/);
    dm(BOB, '/think off');
    await answer(BOB, /^Thinking: off\.$/);

    dm(BOB, '/verbose on');
    await answer(BOB, /Verbose: on/);
    model.script([{ toolCalls: [{ name: 'sessions_list', arguments: { limit: 3 } }] }, { text: 'listed them' }]);
    dm(BOB, 'list the sessions');
    await answer(BOB, /^listed them$/);
    const texts = tg
      .sent(TOKEN)
      .filter((c) => c.method === 'sendMessage' && c.ok && String(c.params.chat_id) === String(BOB))
      .map(sentText);
    const summary = texts.findIndex((t) => t === '🔧 sessions_list — limit: 3');
    expect(summary).toBeGreaterThanOrEqual(0);
    expect(summary).toBeLessThan(texts.indexOf('listed them'));
    dm(BOB, '/verbose off');
    await answer(BOB, /Verbose: off/);
  });

  it('/compact summarises with the model; the next turn starts from the summary, the old rows stay', async () => {
    model.script({ text: 'Alice and Bob asked about models and sessions.' });
    dm(ALICE, '/compact focus on models');
    expect(sentText(await answer(ALICE, /Compacted/))).toMatch(/Compacted \d+ message\(s\) .* with fake\/test-model/);
    const summaryReq = completions().at(-1)!;
    expect(JSON.stringify(summaryReq.body)).toContain('Pay particular attention to: focus on models');
    expect(JSON.stringify(summaryReq.body)).toContain('which model now');
    dm(ALICE, 'after the summary');
    const next = await model.waitForRequest((r) => JSON.stringify(r.body ?? '').includes('after the summary'), 15_000);
    const body = JSON.stringify(next.body.messages);
    expect(body).toContain('Alice and Bob asked about models and sessions.');
    expect(body).not.toContain('which model now');
    await answer(ALICE, /echo: after the summary/);
    const history = await call('chat.history', { sessionKey: 'agent:main:main' });
    expect(JSON.stringify(history.messages[0])).toContain('Summary of the conversation so far');
    expect(storedRows("content LIKE '%which model now%'")).toBeGreaterThan(0);
  });

  it('/new starts a fresh session, keeping the old transcript in the store', async () => {
    dm(ALICE, '/new');
    await answer(ALICE, /New session started; the previous transcript is kept/);
    dm(ALICE, 'first words of the new session');
    const req = await model.waitForRequest(
      (r) => JSON.stringify(r.body ?? '').includes('first words of the new session'),
      15_000,
    );
    expect(JSON.stringify(req.body.messages)).not.toContain('after the summary');
    await answer(ALICE, /echo: first words/);
    expect(storedRows("content = 'after the summary'")).toBe(1);
    expect((await call('chat.history', { sessionKey: 'agent:main:main' })).messages).toHaveLength(2);
  });

  it('/stop aborts the running turn and clears what waited; the chat then works again', async () => {
    model.script({ hang: true });
    dm(ALICE, 'a question that never ends');
    await model.waitForRequest((r) => JSON.stringify(r.body ?? '').includes('a question that never ends'), 15_000);
    dm(ALICE, 'queued behind it');
    dm(ALICE, '/stop');
    expect(sentText(await answer(ALICE, /Stopped/))).toBe('⏹️ Stopped the running reply and 1 waiting message(s).');
    dm(ALICE, 'are you back');
    await answer(ALICE, /echo: are you back/);
    const texts = tg.sent(TOKEN).map(sentText);
    expect(texts.some((t) => t.includes('never ends') || t.includes('queued behind it'))).toBe(false);
  });

  it('/approve: an owner decides the exec approval a chat’s run waits for; others are refused', async () => {
    fs.mkdirSync(path.join(gw.home, 'clawd'), { recursive: true });
    model.script([
      { toolCalls: [{ name: 'exec', arguments: { command: 'echo approved-from-chat' } }] },
      { text: 'ran it' },
    ]);
    dm(ALICE, 'please run the echo');
    await expect.poll(async () => (await call('exec.approval.list', {})).pending.length, { timeout: 10_000 }).toBe(1);
    dm(BOB, '/approve');
    await answer(BOB, /only for the owner/);
    dm(ALICE, '/approve');
    const list = sentText(await answer(ALICE, /^Waiting for a decision:/));
    const id = /^([0-9a-f-]{8}) — echo approved-from-chat \(\d+ s left\)$/m.exec(list)?.[1];
    expect(id).toBeDefined();
    dm(ALICE, `/approve ${id} maybe`);
    await answer(ALICE, /^Usage: \/approve/);
    dm(ALICE, `/approve ${id} allow`);
    await answer(ALICE, /^Allowed once: echo approved-from-chat$/);
    await answer(ALICE, /^ran it$/);
    const toolResult = completions()
      .at(-1)!
      .body.messages.find((m: any) => m.role === 'tool');
    expect(toolResult.content).toMatch(/"status":"completed".*approved-from-chat/);
    expect((await call('exec.approval.list', {})).pending).toEqual([]);
  });

  it('groups: mention gate, mention patterns, history of what the bot was not asked about, threading', async () => {
    inGroup(BOB, 'we meet at five tomorrow');
    inGroup(ALICE, 'bring the slides');
    const trigger = inGroup(BOB, 'molty, when do we meet?');
    const req = await model.waitForRequest((r) => JSON.stringify(r.body ?? '').includes('when do we meet'), 15_000);
    expect(lastUserContent(req)).toMatch(
      new RegExp(
        '^\\[Chat messages since your last reply - for context\\]\\n.*: we meet at five tomorrow\\n' +
          '.*: bring the slides\\n\\n\\[Current message - respond to this\\]\\n.*: molty, when do we meet\\?$',
      ),
    );
    expect(JSON.stringify(req.body.messages[0])).toContain('group chat');
    const reply = await answer(GROUP, /when do we meet/);
    expect(replyToId(reply)).toBe(trigger.message!.message_id);
    // The group has its own session, apart from the DMs' main one.
    const keys = (await call('sessions.list')).sessions.map((s: { key: string }) => s.key);
    expect(keys).toEqual(expect.arrayContaining([`agent:main:telegram:group:${GROUP}`, 'agent:main:main']));
    // The next turn sees only what came after the answer.
    inGroup(ALICE, 'ok see you');
    inGroup(ALICE, '@moltbot_test_bot anything else?');
    const second = await model.waitForRequest((r) => JSON.stringify(r.body ?? '').includes('anything else?'), 15_000);
    expect(lastUserContent(second)).toContain(': ok see you\n\n[Current message');
    expect(lastUserContent(second)).not.toContain('five tomorrow');
    await answer(GROUP, /anything else/);
  });

  it('groups: a long reply quotes the trigger on its first part only (replyToMode first)', async () => {
    const long = Array.from({ length: 3 }, (_, i) => `Part ${i + 1}. ${'word '.repeat(700).trim()}.`).join('\n\n');
    model.script({ text: long });
    const trigger = inGroup(ALICE, 'molty write a lot');
    await tg.waitFor((c) => c.ok && sentText(c).startsWith('Part 3.'), 15_000);
    const parts = tg.sent(TOKEN).filter((c) => c.ok && /^Part \d\./.test(sentText(c)));
    expect(parts.map((p) => replyToId(p))).toEqual([trigger.message!.message_id, undefined, undefined]);
  });

  it('groups: /activation is for owners; "always" answers unaddressed messages, "mention" gates again', async () => {
    const before = completions().length;
    inGroup(BOB, '/activation always');
    await answer(GROUP, /only for the owner/);
    inGroup(ALICE, '/activation always');
    await answer(GROUP, /^Activation: always\./);
    expect(completions().length).toBe(before);
    inGroup(BOB, 'nobody asked the bot this');
    const req = await model.waitForRequest(
      (r) => JSON.stringify(r.body ?? '').includes('nobody asked the bot'),
      15_000,
    );
    expect(JSON.stringify(req.body.messages[0])).toContain('NO_REPLY');
    await answer(GROUP, /nobody asked the bot this/);
    model.script({ text: 'NO_REPLY' });
    inGroup(BOB, 'just chatting');
    await model.waitForRequest((r) => JSON.stringify(r.body ?? '').includes('just chatting'), 15_000);
    inGroup(ALICE, '/activation mention');
    await answer(GROUP, /^Activation: mention\./);
    expect(tg.sent(TOKEN).some((c) => sentText(c) === 'NO_REPLY')).toBe(false);
    inGroup(BOB, 'not for the bot again');
    inGroup(ALICE, '/reset');
    await answer(GROUP, /New session started/);
    expect(model.requests.some((r) => JSON.stringify(r.body ?? '').includes('not for the bot again'))).toBe(false);
    // `/reset` in a group is for owners; Bob may reset his DMs.
    inGroup(BOB, '/reset');
    await answer(GROUP, /only for the owner of this assistant in groups/);
  });

  it('an inbound photo reaches the model as an image part, scaled to the provider limit', async () => {
    const photo = await sharp({ create: { width: 3000, height: 1500, channels: 3, background: '#cc3300' } })
      .jpeg()
      .toBuffer();
    tg.addFile('big-photo', photo, 'photos/file_7.jpg');
    tg.injectUpdate(TOKEN, {
      message: {
        message_id: 9101,
        date: Math.floor(Date.now() / 1000),
        chat: { id: ALICE, type: 'private', first_name: 'Alice' },
        from: { id: ALICE, is_bot: false, first_name: 'Alice' },
        caption: 'what colour is this',
        photo: [{ file_id: 'big-photo', file_unique_id: 'p1', width: 3000, height: 1500, file_size: photo.length }],
      },
    } as never);
    const req = await model.waitForRequest((r) => JSON.stringify(r.body ?? '').includes('what colour is this'), 15_000);
    const content = lastUserContent(req) as Array<{ type: string; text?: string; image_url?: { url: string } }>;
    expect(content[0]).toMatchObject({ type: 'text', text: expect.stringMatching(/what colour is this\n\[image /) });
    const url = content.find((p) => p.type === 'image_url')!.image_url!.url;
    expect(url).toMatch(/^data:image\/jpeg;base64,/);
    const meta = await sharp(Buffer.from(url.split(',')[1]!, 'base64')).metadata();
    expect([meta.width, meta.height]).toEqual([2048, 1024]);
    await answer(ALICE, /echo: what colour is this/);
  });

  it('a document lands in the workspace for the file tools; one over mediaMaxMb is refused to the sender', async () => {
    tg.addFile('notes-doc', 'meeting notes: buy milk\n', 'documents/file_8.txt');
    tg.addFile('huge-doc', Buffer.alloc(600 * 1024, 1), 'documents/file_9.pdf');
    const chat = { id: ALICE, type: 'private' as const, first_name: 'Alice' };
    const from = { id: ALICE, is_bot: false, first_name: 'Alice' };
    const date = Math.floor(Date.now() / 1000);
    tg.injectUpdate(TOKEN, {
      message: {
        message_id: 9102,
        date,
        chat,
        from,
        caption: 'summarise my notes',
        document: { file_id: 'notes-doc', file_unique_id: 'd1', file_name: 'notes.txt', file_size: 24 },
      },
    } as never);
    const req = await model.waitForRequest((r) => JSON.stringify(r.body ?? '').includes('summarise my notes'), 15_000);
    const text = String(lastUserContent(req));
    const saved = /saved in your workspace at (inbound\/\S+notes\.txt)/.exec(text)?.[1];
    expect(saved).toBeDefined();
    expect(text).toContain('(text/plain, 1 KB)');
    expect(fs.readFileSync(path.join(gw.home, 'clawd', saved!), 'utf8')).toBe('meeting notes: buy milk\n');
    tg.injectUpdate(TOKEN, {
      message: {
        message_id: 9103,
        date,
        chat,
        from,
        caption: 'and this one',
        document: { file_id: 'huge-doc', file_unique_id: 'd2', file_name: 'huge.pdf', file_size: 600 * 1024 },
      },
    } as never);
    const refusal = await answer(ALICE, /not received/);
    expect(sentText(refusal)).toBe(
      '⚠️ document huge.pdf not received: the file is 600.0 KB, over the 512.0 KB limit for attachments ' +
        '(channels.telegram.mediaMaxMb)',
    );
    const seen = await model.waitForRequest((r) => JSON.stringify(r.body ?? '').includes('and this one'), 15_000);
    expect(String(lastUserContent(seen))).toContain('[attachment not received: document huge.pdf not received');
  });

  it('a voice note is a workspace file without a transcriber; with a plugin’s, the model reads it', async () => {
    // The first page of an Ogg Opus file: what Telegram voice notes are (sniffed, not trusted by name).
    const header = Buffer.alloc(27);
    header.write('OggS', 0);
    header[5] = 2;
    header[26] = 1;
    const opusHead = Buffer.from([19, ...Buffer.from('OpusHead'), 1, 1, 0x38, 1, 0x80, 0xbb, 0, 0, 0, 0, 0]);
    const voice = Buffer.concat([header, opusHead, Buffer.alloc(300, 7)]);
    tg.addFile('voice-1', voice, 'voice/file_10.oga');
    const sendVoice = (messageId: number, caption: string) =>
      tg.injectUpdate(TOKEN, {
        message: {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: ALICE, type: 'private', first_name: 'Alice' },
          from: { id: ALICE, is_bot: false, first_name: 'Alice' },
          caption,
          voice: {
            file_id: 'voice-1',
            file_unique_id: 'v1',
            duration: 2,
            mime_type: 'audio/ogg',
            file_size: voice.length,
          },
        },
      } as never);
    sendVoice(9110, 'listen to this');
    const plain = await model.waitForRequest((r) => JSON.stringify(r.body ?? '').includes('listen to this'), 15_000);
    const note = String(lastUserContent(plain));
    expect(note).toContain('(no transcription service is loaded)');
    const saved = /saved in your workspace at (inbound\/\S+\.oga)/.exec(note)?.[1];
    expect(saved).toBeDefined();
    expect(fs.readFileSync(path.join(gw.home, 'clawd', saved!))).toEqual(voice);
    await answer(ALICE, /echo: listen to this/);

    const edited = gw.readConfig();
    edited.plugins.entries.whisper = { from: WHISPER };
    gw.writeConfig(edited);
    await expect
      .poll(async () => (await call('plugins.list')).plugins.find((p: any) => p.id === 'whisper')?.state, {
        timeout: 15_000,
      })
      .toBe('active');
    sendVoice(9111, 'and now');
    const heard = await model.waitForRequest((r) => JSON.stringify(r.body ?? '').includes('and now'), 15_000);
    expect(String(lastUserContent(heard))).toContain(
      `transcript: heard ${voice.length} bytes of audio/ogg; codecs=opus: call mum at six]`,
    );
    await answer(ALICE, /echo: and now/);
  });

  it('outbound media from the agent: a MEDIA: line and the message tool’s media go through the queue', async () => {
    const chart = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    fs.writeFileSync(path.join(gw.home, 'clawd', 'chart.png'), chart);
    model.script({ text: 'Here is your chart.\nMEDIA: chart.png\nMEDIA: /etc/passwd' });
    dm(ALICE, 'draw me a chart');
    const photo = await tg.waitFor(
      (c) => c.method === 'sendPhoto' && c.ok && String(c.params.chat_id) === String(ALICE),
      15_000,
    );
    expect(photo.files.photo).toBeDefined();
    // A file the agent may not send stays a line of text.
    expect(sentText(photo)).toBe('Here is your chart.\nMEDIA: /etc/passwd');
    model.script([
      {
        toolCalls: [
          { name: 'message', arguments: { channel: 'telegram', to: String(BOB), text: 'for you', media: 'chart.png' } },
        ],
      },
      { text: 'sent it' },
    ]);
    dm(ALICE, 'send bob the chart');
    const forBob = await tg.waitFor(
      (c) => c.method === 'sendPhoto' && c.ok && String(c.params.chat_id) === String(BOB),
      15_000,
    );
    expect(sentText(forBob)).toBe('for you');
    await answer(ALICE, /^sent it$/);
  });

  it('a plugin wanting a taken command name fails to load, naming the holder; the menu follows unloads', async () => {
    const edited = gw.readConfig();
    edited.plugins.entries.dice.enabled = false;
    edited.plugins.entries['help-clash'] = { from: CLASH };
    gw.writeConfig(edited);
    await expect
      .poll(async () => (await call('plugins.list')).plugins.find((p: any) => p.id === 'help-clash')?.lastError, {
        timeout: 15_000,
      })
      .toMatchObject({
        code: 'GW_ERR_PLUGIN_ROUTE_CONFLICT',
        message: expect.stringContaining('chat command /help (from plugin delivery) already registered'),
      });
    await expect
      .poll(
        () => {
          const menu = tg
            .sent(TOKEN)
            .filter((c) => c.method === 'setMyCommands' && c.ok)
            .at(-1);
          const text = JSON.stringify(menu?.params.commands ?? '');
          return text.includes('"help"') && !text.includes('"roll"');
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    dm(ALICE, '/help');
    expect(sentText(await answer(ALICE, /^Commands:(?![\s\S]*\/roll)/))).not.toContain('mine');
  });
});

function replyToId(call: RecordedCall): number | undefined {
  const raw = call.params.reply_parameters;
  if (raw === undefined) return undefined;
  return (typeof raw === 'string' ? JSON.parse(raw) : raw).message_id;
}

/** Transcript rows of the main session across all its session ids (the gateway's own store). */
function storedRows(where: string): number {
  const db = new Database(path.join(gw.stateDir, 'store', 'moltbot.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (
      db
        .prepare(`SELECT COUNT(*) AS n FROM agent_messages WHERE session_key = 'agent:main:main' AND ${where}`)
        .get() as {
        n: number;
      }
    ).n;
  } finally {
    db.close();
  }
}
