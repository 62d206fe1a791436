import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import agentPlugin from '../../plugins/agent/index.js';
import deliveryPlugin from '../../plugins/delivery/index.js';
import { whatsappPlugin } from '../../plugins/whatsapp/whatsapp-plugin.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { type FakeWASocket, fakeSocketFactory, waImage, waText } from './fake-wa-socket.js';
import { type InProcessGateway, startInProcessGateway } from './in-process-gateway.js';

/**
 * Chat commands and groups on WhatsApp (issue 17): the real kernel, agent and delivery plugins
 * in this process, the scripted Baileys socket, the fake model provider.
 */
const OWNER = '15550001111';
const FRIEND = '15550002222';
const SELF = '15559990000';
const GROUP = '120363000000000077@g.us';

const fake = fakeSocketFactory();
let model: FakeModelProvider;
let gw: InProcessGateway;
let sock: FakeWASocket;

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The text of what the plugin sent into `jid` matching, waiting for it. */
async function sentTo(jid: string, match: RegExp, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = sock.sent.find((m) => m.jid === jid && match.test(String(m.content.text ?? m.content.caption ?? '')));
    if (hit) return { text: String(hit.content.text ?? ''), options: hit.options };
    if (Date.now() > deadline)
      throw new Error(
        `nothing sent to ${jid} matching ${match}; sent: ${JSON.stringify(sock.sent.map((m) => m.content))}`,
      );
    await delay(20);
  }
}

const dmJid = (n: string) => `${n}@s.whatsapp.net`;
const completions = () => model.requests.filter((r) => r.path.endsWith('/chat/completions'));

beforeAll(async () => {
  model = await startFakeModelProvider({ models: ['test-model', 'other-model'] });
  gw = await startInProcessGateway({
    config: {
      models: {
        providers: {
          fake: {
            baseUrl: model.baseUrl,
            apiKey: 'test-key',
            api: 'openai-completions',
            models: [{ id: 'test-model' }, { id: 'other-model' }],
          },
        },
      },
      agents: {
        defaults: { model: 'fake/test-model' },
        list: [{ id: 'main', groupChat: { mentionPatterns: ['\\bmolty\\b'] } }],
      },
      channels: {
        whatsapp: {
          dmPolicy: 'allowlist',
          allowFrom: [`+${OWNER}`, `+${FRIEND}`],
          owners: [`+${OWNER}`],
          groups: { [GROUP]: { requireMention: true } },
          mediaMaxMb: 1,
        },
      },
      plugins: { entries: { delivery: { config: { outbound: { baseBackoffMs: 50, maxBackoffMs: 200 } } } } },
    },
    plugins: [
      { id: 'agent', configKeys: ['agents', 'models', 'messages', 'tools', 'session'], def: agentPlugin },
      { id: 'delivery', configKeys: ['plugins.entries.delivery.config'], def: deliveryPlugin },
      {
        id: 'whatsapp',
        configKeys: ['channels.whatsapp'],
        def: whatsappPlugin(fake.factory),
        enabled: (root) => Boolean((root.channels as any)?.whatsapp),
      },
    ],
  });
  const client = await gw.client();
  const login = client.request('channels.login', { channel: 'whatsapp' });
  sock = await fake.next(1);
  sock.writeCreds();
  sock.open(`${SELF}:3@s.whatsapp.net`);
  await login;
  client.close();
}, 30_000);

afterAll(async () => {
  await gw?.stop();
  await model?.close();
});

describe('chat commands and groups on whatsapp (real kernel + agent + delivery, scripted socket)', () => {
  it('answers commands from allowed senders before the model, refusing owner-only ones to others', async () => {
    sock.upsert([waText(FRIEND, 'D-1', '/status')]);
    const status = await sentTo(dmJid(FRIEND), /Moltbot gateway/);
    expect(status.text).toContain('Channel: whatsapp (account default)');
    expect(status.text).toContain('Model: fake/test-model');
    sock.upsert([waText(FRIEND, 'D-2', '/model fake/other-model')]);
    await sentTo(dmJid(FRIEND), /only for the owner/);
    sock.upsert([waText(OWNER, 'D-3', '/model fake/other-model')]);
    await sentTo(dmJid(OWNER), /Model: fake\/other-model for this session/);
    expect(completions()).toHaveLength(0);
    sock.upsert([waText(OWNER, 'D-4', 'hello there')]);
    await sentTo(dmJid(OWNER), /echo: hello there/);
    expect(completions().at(-1)!.body.model).toBe('other-model');
    sock.upsert([waText(OWNER, 'D-5', '/new')]);
    await sentTo(dmJid(OWNER), /New session started/);
    // A stranger's command is a stranger's message: nothing answers it.
    sock.upsert([waText('15557770000', 'D-6', '/help')]);
    sock.upsert([waText(FRIEND, 'D-7', '/help')]);
    await sentTo(dmJid(FRIEND), /^Commands:/);
    expect(sock.sent.some((m) => m.jid === dmJid('15557770000'))).toBe(false);
  });

  it('in groups: a pattern mention wakes it with the earlier lines as context; replies quote the trigger', async () => {
    sock.upsert([waText(FRIEND, 'G-1', 'dinner at eight?', { group: GROUP, pushName: 'Fay' })]);
    sock.upsert([waText(OWNER, 'G-2', 'Molty, book us a table', { group: GROUP, pushName: 'Olga' })]);
    const reply = await sentTo(GROUP, /book us a table/);
    expect(reply.options?.quoted?.key?.id).toBe('G-2');
    const prompt = JSON.stringify(completions().at(-1)!.body.messages);
    expect(prompt).toContain('Fay: dinner at eight?');
    expect(prompt).toContain('[Current message - respond to this]\\nOlga: Molty, book us a table');
    // Our number typed in the text is a mention too.
    sock.upsert([waText(FRIEND, 'G-3', `+${SELF} are you there`, { group: GROUP, pushName: 'Fay' })]);
    await sentTo(GROUP, /are you there/);
  });

  it('in groups: /activation always is for owners, and then every message is a turn', async () => {
    sock.upsert([waText(FRIEND, 'G-4', '/activation always', { group: GROUP })]);
    await sentTo(GROUP, /only for the owner/);
    sock.upsert([waText(OWNER, 'G-5', '/activation always', { group: GROUP })]);
    await sentTo(GROUP, /^Activation: always/);
    sock.upsert([waText(FRIEND, 'G-6', 'nobody mentioned anyone', { group: GROUP, pushName: 'Fay' })]);
    await sentTo(GROUP, /nobody mentioned anyone/);
    sock.upsert([waText(OWNER, 'G-7', '/activation mention', { group: GROUP })]);
    await sentTo(GROUP, /^Activation: mention/);
    sock.upsert([waText(FRIEND, 'G-8', '/reset', { group: GROUP })]);
    await sentTo(GROUP, /only for the owner of this assistant in groups/);
  });

  it('downloads an image under mediaMaxMb for the model; a bigger one is refused to the sender', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#00aa00' } })
      .jpeg()
      .toBuffer();
    sock.media.set('I-1', jpeg);
    sock.upsert([waImage(OWNER, 'I-1', 'what is this', jpeg.length)]);
    await sentTo(dmJid(OWNER), /echo: what is this/);
    const content = completions().at(-1)!.body.messages.at(-1).content;
    expect(content.find((p: any) => p.type === 'image_url').image_url.url).toMatch(/^data:image\/jpeg;base64,/);
    sock.upsert([waImage(OWNER, 'I-2', 'and this', 5 * 1024 * 1024)]);
    const refusal = await sentTo(dmJid(OWNER), /not received/);
    expect(refusal.text).toContain(
      'the file is 5.0 MB, over the 1.0 MB limit for attachments (channels.whatsapp.mediaMaxMb)',
    );
  });

  it('a MEDIA: line goes out as a captioned image; a URL into the local network is not fetched', async () => {
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#0000ff' } })
      .png()
      .toBuffer();
    fs.mkdirSync(gw.paths.workspaceDir, { recursive: true });
    fs.writeFileSync(path.join(gw.paths.workspaceDir, 'square.png'), png);
    model.script({ text: 'A blue square.\nMEDIA: square.png' });
    sock.upsert([waText(OWNER, 'M-1', 'draw a square')]);
    await sentTo(dmJid(OWNER), /^A blue square\.$/);
    const image = sock.sent.find((m) => m.jid === dmJid(OWNER) && m.content.image);
    expect(image?.content).toEqual({
      image: { url: path.join(gw.paths.workspaceDir, 'square.png') },
      caption: 'A blue square.',
    });
    // A URL into the gateway's own network (here its control port) is never fetched: the answer says so.
    model.script({ text: `Here you go.\nMEDIA: http://127.0.0.1:${gw.port}/__moltbot__/` });
    sock.upsert([waText(OWNER, 'M-2', 'fetch the dashboard')]);
    const told = await sentTo(dmJid(OWNER), /^Here you go\./);
    expect(told.text).toMatch(/⚠️ not attached: .*127\.0\.0\.1 is a loopback address \(only public addresses\)$/);
  });
});
