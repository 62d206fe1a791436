import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { BOTS, sentText, startFakes } from '../channels/telegram-harness.js';
import type { FakeModelProvider } from '../fakes/model-provider.js';
import type { FakeTelegramApi } from '../fakes/telegram-bot-api.js';
import { eventually } from '../support/eventually.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { baseConfig, delay } from './automation-harness.js';

const OWNER = 7777;
let tg: FakeTelegramApi;
let model: FakeModelProvider;
let gw: GatewayProcess;
let c: GatewayClient;
let home: string;

const toOwner = () =>
  tg
    .sent(BOTS.main.token)
    .filter((x) => x.method === 'sendMessage' && x.ok && String(x.params.chat_id) === String(OWNER))
    .map(sentText);
const configWith = (heartbeat?: Record<string, unknown>) =>
  baseConfig(model, {
    agents: { defaults: { model: { primary: 'fake/test-model' }, ...(heartbeat ? { heartbeat } : {}) } },
    channels: {
      telegram: { apiRoot: tg.apiRoot, botToken: BOTS.main.token, dmPolicy: 'allowlist', allowFrom: [String(OWNER)] },
    },
  });
const lastUserText = (body: any) =>
  String(((body?.messages ?? []) as any[]).filter((m) => m.role === 'user').at(-1)?.content ?? '');

beforeAll(async () => {
  ({ tg, model } = await startFakes());
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-heartbeat-'));
  fs.mkdirSync(path.join(home, 'clawd'), { recursive: true });
  fs.writeFileSync(path.join(home, 'clawd', 'HEARTBEAT.md'), '# Heartbeat\n- remind me to stretch\n');
  gw = await startGateway({ home, config: configWith() });
  c = await gw.client();
  // The user talks on Telegram: that chat is where heartbeat replies go.
  tg.injectText(BOTS.main.token, { chatId: OWNER, fromId: OWNER, text: 'hi from telegram' });
  await eventually(() => expect(toOwner()).toEqual(['echo: hi from telegram']), 10_000);
}, 30_000);
afterAll(async () => {
  c?.close();
  await gw?.stop();
  await tg?.close();
  await model?.close();
});

describe('heartbeat against the real gateway', () => {
  it('on a short period: HEARTBEAT_OK is not delivered, other text is, to the last channel', async () => {
    const events: any[] = [];
    c.onEvent((e) => e.event === 'heartbeat' && events.push(e.payload));
    model.reset();
    model.script([{ text: 'HEARTBEAT_OK' }, { text: 'Time to stretch!' }]);
    gw.writeConfig({ ...configWith({ every: '1s' }), gateway: gw.readConfig().gateway });
    await eventually(() => expect(events.map((e) => e.status)).toEqual(['ok-token', 'sent']), 10_000);
    gw.writeConfig({ ...configWith(), gateway: gw.readConfig().gateway });
    const beat = model.requests.find((r) => lastUserText(r.body).includes('HEARTBEAT_OK'));
    expect(lastUserText(beat?.body)).toContain('- remind me to stretch');
    await eventually(() => expect(toOwner()).toContain('Time to stretch!'), 10_000);
    expect(toOwner().filter((t) => t.includes('HEARTBEAT_OK'))).toEqual([]);
    expect(events[1]).toMatchObject({ channel: 'telegram', to: String(OWNER), preview: 'Time to stretch!' });
    expect(await c.request('last-heartbeat', {})).toMatchObject({ status: expect.any(String), ts: expect.any(Number) });
  });

  it('wake "now" runs a heartbeat at once with the system line; "next-heartbeat" waits for the next turn', async () => {
    await delay(1500); // the period is off again
    model.reset();
    model.script({ text: 'HEARTBEAT_OK' });
    expect(await c.request('wake', { text: 'package arrived at the door', mode: 'now' })).toEqual({ ok: true });
    const woke = await model.waitForRequest((r) => lastUserText(r.body).includes('package arrived'), 5000);
    expect(lastUserText(woke.body)).toMatch(/^System: \[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\] package arrived/);
    await eventually(async () => expect((await c.request('last-heartbeat', {})).trigger).toBe('wake'));

    await c.request('wake', { text: 'the meeting moved to 3pm', mode: 'next-heartbeat' });
    await delay(300);
    expect(model.requests.some((r) => lastUserText(r.body).includes('meeting moved'))).toBe(false);
    tg.injectText(BOTS.main.token, { chatId: OWNER, fromId: OWNER, text: 'anything new?' });
    const turn = await model.waitForRequest((r) => lastUserText(r.body).includes('anything new?'), 10_000);
    expect(lastUserText(turn.body)).toContain('the meeting moved to 3pm');
    // The line was used once: the next turn does not carry it again.
    tg.injectText(BOTS.main.token, { chatId: OWNER, fromId: OWNER, text: 'and now?' });
    const next = await model.waitForRequest((r) => lastUserText(r.body).includes('and now?'), 10_000);
    expect(lastUserText(next.body)).not.toContain('meeting moved');
  });

  it('set-heartbeats (`moltbot system heartbeat disable|enable`) skips every heartbeat until switched on', async () => {
    model.reset();
    expect(await c.request('set-heartbeats', { enabled: false })).toEqual({ ok: true, enabled: false });
    expect((await c.request('status', {})).heartbeat.switchedOff).toBe(true);
    await c.request('wake', { text: 'parcel at the back door', mode: 'now' });
    await eventually(async () =>
      expect(await c.request('last-heartbeat', {})).toMatchObject({ status: 'skipped', reason: 'disabled' }),
    );
    expect(model.requests).toEqual([]);
    model.script({ text: 'HEARTBEAT_OK' });
    expect(await c.request('set-heartbeats', { enabled: true })).toEqual({ ok: true, enabled: true });
    await c.request('wake', { text: 'and a letter', mode: 'now' });
    // The line of the skipped wake rode along with the next heartbeat.
    const woke = await model.waitForRequest((r) => lastUserText(r.body).includes('and a letter'), 5000);
    expect(lastUserText(woke.body)).toContain('parcel at the back door');
    expect((await c.request('status', {})).heartbeat.switchedOff).toBe(false);
  });

  it('a cron system line with wakeMode "now" wakes the main session, and its reply reaches the user', async () => {
    model.reset();
    model.script({ text: 'Reminder: call the dentist' });
    await c.request('cron.add', {
      name: 'dentist',
      schedule: { kind: 'at', at: new Date(Date.now() + 400).toISOString() },
      sessionTarget: 'main',
      wakeMode: 'now',
      payload: { kind: 'systemEvent', text: 'dentist reminder due' },
    });
    const woke = await model.waitForRequest((r) => lastUserText(r.body).includes('dentist reminder due'), 5000);
    expect(lastUserText(woke.body)).toContain('HEARTBEAT_OK');
    await eventually(() => expect(toOwner()).toContain('Reminder: call the dentist'), 10_000);
  });
});
