import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { BOTS, sentText, startFakes } from '../channels/telegram-harness.js';
import type { FakeModelProvider } from '../fakes/model-provider.js';
import type { FakeTelegramApi } from '../fakes/telegram-bot-api.js';
import { eventually } from '../support/eventually.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { baseConfig, delay, requestsWith } from './automation-harness.js';

const OWNER = 9191;
const HOOK_TOKEN = 'hook-secret-0123456789abcdef';
let tg: FakeTelegramApi;
let model: FakeModelProvider;
let gw: GatewayProcess | undefined;
let c: GatewayClient;
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-hooks-'));

const config = () =>
  baseConfig(model, {
    channels: {
      telegram: { apiRoot: tg.apiRoot, botToken: BOTS.main.token, dmPolicy: 'allowlist', allowFrom: [String(OWNER)] },
    },
    hooks: {
      enabled: true,
      token: HOOK_TOKEN,
      maxBodyBytes: 4096,
      mappings: [
        {
          match: { path: 'github' },
          messageTemplate: 'PR "{{body.pull_request.title}}" by {{body.sender.login}} ({{headers.x-github-event}})',
          deliver: false,
        },
        { match: { path: 'doorbell' }, action: 'wake', textTemplate: 'Doorbell: {{body.who}} at the door' },
      ],
    },
  });
const post = (
  route: string,
  body: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${HOOK_TOKEN}` },
) =>
  fetch(`http://127.0.0.1:${gw!.port}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const toOwner = (text: string) =>
  tg
    .sent(BOTS.main.token)
    .filter((x) => x.method === 'sendMessage' && x.ok && String(x.params.chat_id) === String(OWNER))
    .filter((x) => sentText(x).includes(text));
const lastUserText = (body: any) =>
  String(((body?.messages ?? []) as any[]).filter((m) => m.role === 'user').at(-1)?.content ?? '');

beforeAll(async () => {
  ({ tg, model } = await startFakes());
  gw = await startGateway({ home, config: config() });
  c = await gw.client();
}, 30_000);
afterAll(async () => {
  c?.close();
  await gw?.stop();
  await tg?.close();
  await model?.close();
});

describe('webhooks against the real gateway', () => {
  it('POST /hooks/wake: 200 {ok:true}, and the text reaches the main session at once', async () => {
    model.script({ text: 'HEARTBEAT_OK' });
    const res = await post('/hooks/wake', { text: 'new mail from Ada' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const beat = await model.waitForRequest((r) => lastUserText(r.body).includes('new mail from Ada'), 5000);
    expect(lastUserText(beat.body)).toContain('HEARTBEAT_OK'); // a heartbeat turn
  });

  it('POST /hooks/agent: 202 {ok:true, runId}; the agent runs it and the reply is delivered', async () => {
    const res = await post(
      '/hooks/agent',
      { message: 'summarize hook-42', channel: 'telegram', to: String(OWNER) },
      { 'x-moltbot-token': HOOK_TOKEN },
    );
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toEqual({ ok: true, runId: expect.any(String) });
    await eventually(() => expect(toOwner('summarize hook-42')).toHaveLength(1), 10_000);
    expect(requestsWith(model, 'summarize hook-42')).toBe(1);
  });

  it('a mapping renders its template from the body and headers', async () => {
    const res = await post(
      '/hooks/github',
      { pull_request: { title: 'Fix the flux capacitor' }, sender: { login: 'ada' } },
      { authorization: `Bearer ${HOOK_TOKEN}`, 'x-github-event': 'pull_request' },
    );
    expect(res.status).toBe(202);
    const req = await model.waitForRequest((r) => lastUserText(r.body).includes('flux capacitor'), 5000);
    expect(lastUserText(req.body)).toBe('PR "Fix the flux capacitor" by ada (pull_request)');
    model.script({ text: 'HEARTBEAT_OK' });
    expect((await post('/hooks/doorbell', { who: 'the courier' })).status).toBe(200);
    await model.waitForRequest((r) => lastUserText(r.body).includes('Doorbell: the courier at the door'), 5000);
  });

  it('refuses what it must, with the status for each', async () => {
    const status = async (p: Promise<Response>) => {
      const r = await p;
      return [r.status, (await r.json()).code];
    };
    expect(await status(post('/hooks/wake', { text: 'x' }, {}))).toEqual([401, 'GW_ERR_HOOKS_UNAUTHORIZED']);
    expect(await status(post('/hooks/wake', { text: 'x' }, { authorization: 'Bearer wrong-token-000000' }))).toEqual([
      401,
      'GW_ERR_HOOKS_UNAUTHORIZED',
    ]);
    // The gateway's own token is not the hook token.
    expect(await status(post('/hooks/wake', { text: 'x' }, { authorization: `Bearer ${gw!.token}` }))).toEqual([
      401,
      'GW_ERR_HOOKS_UNAUTHORIZED',
    ]);
    expect(await status(post(`/hooks/wake?token=${HOOK_TOKEN}`, { text: 'x' }))).toEqual([
      400,
      'GW_ERR_HOOKS_TOKEN_IN_QUERY',
    ]);
    expect(await status(post('/hooks/wake', {}))).toEqual([400, 'GW_ERR_HOOKS_BAD_REQUEST']);
    expect(await status(post('/hooks/wake', '{not json'))).toEqual([400, 'GW_ERR_HOOKS_BAD_REQUEST']);
    expect(
      await status(
        fetch(`http://127.0.0.1:${gw!.port}/hooks/wake`, {
          method: 'POST',
          headers: { authorization: `Bearer ${HOOK_TOKEN}`, 'content-type': 'text/plain' },
          body: 'hello',
        }),
      ),
    ).toEqual([415, 'GW_ERR_HOOKS_UNSUPPORTED_MEDIA_TYPE']);
    expect(await status(post('/hooks/agent', { message: 'x', sessionKey: 'agent:main:main' }))).toEqual([
      400,
      'GW_ERR_HOOKS_SESSION_KEY_REFUSED',
    ]);
    expect(await status(post('/hooks/agent', { message: 'x', channel: 'smoke-signals' }))).toEqual([
      400,
      'GW_ERR_HOOKS_BAD_REQUEST',
    ]);
    expect(await status(post('/hooks/nobody-home', {}))).toEqual([404, 'GW_ERR_HOOKS_MAPPING_NOT_FOUND']);
    const get = await fetch(`http://127.0.0.1:${gw!.port}/hooks/wake`, {
      headers: { authorization: `Bearer ${HOOK_TOKEN}` },
    });
    expect(get.status).toBe(405);
    expect(await status(post('/hooks/wake', { text: 'x'.repeat(5000) }))).toEqual([413, 'GW_ERR_HOOKS_BODY_TOO_LARGE']);
    // Nothing of the query token reached the log.
    expect(fs.readFileSync(path.join(gw!.stateDir, 'logs', 'gateway.log'), 'utf8')).not.toContain(HOOK_TOKEN);
  });

  it('413 comes before the body is read: from Content-Length, and mid-stream', async () => {
    const rawPost = (headers: Record<string, string | number>, firstChunk: string) =>
      new Promise<{ status: number; body: string; wrote: number }>((resolve, reject) => {
        let wrote = 0;
        const req = http.request({
          host: '127.0.0.1',
          port: gw!.port,
          path: '/hooks/wake',
          method: 'POST',
          headers: { authorization: `Bearer ${HOOK_TOKEN}`, 'content-type': 'application/json', ...headers },
        });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => {
            resolve({ status: res.statusCode!, body, wrote });
            req.destroy();
          });
        });
        req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : reject(err)));
        req.write(firstChunk);
        wrote += firstChunk.length;
        // The rest never comes unless the gateway asks for it by reading on.
        const more = setInterval(() => {
          if (wrote > 64 * 1024) return clearInterval(more);
          req.write('x'.repeat(1024));
          wrote += 1024;
        }, 20);
        req.on('close', () => clearInterval(more));
      });
    // Declared 10 MB: refused on the header, after the first few bytes.
    const declared = await rawPost({ 'content-length': 10 * 1024 * 1024 }, '{"text":"');
    expect(declared.status).toBe(413);
    expect(declared.wrote).toBeLessThan(64 * 1024);
    // Chunked, no length: refused once the stream passes the cap, long before it ends.
    const streamed = await rawPost({ 'transfer-encoding': 'chunked' }, '{"text":"');
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).code).toBe('GW_ERR_HOOKS_BODY_TOO_LARGE');
  });

  it('kill -9 after the 202, mid-run: the stored run runs again once the gateway is back, delivered once', async () => {
    // The first attempt never finishes: the provider holds it until the process is gone.
    model.script([{ hang: true }, { text: 'hook reply after restart' }]);
    const res = await post('/hooks/agent', { message: 'crash-proof hook', channel: 'telegram', to: String(OWNER) });
    expect(res.status).toBe(202);
    await model.waitForRequest((r) => lastUserText(r.body).includes('crash-proof hook'), 5000);
    c.close();
    gw!.signal('SIGKILL');
    expect((await gw!.waitExit()).signal).toBe('SIGKILL');
    expect(toOwner('hook reply after restart')).toHaveLength(0);

    gw = await startGateway({ home });
    c = await gw.client();
    await eventually(() => expect(toOwner('hook reply after restart')).toHaveLength(1), 15_000);
    await delay(500);
    expect(toOwner('hook reply after restart')).toHaveLength(1);
    expect(requestsWith(model, 'crash-proof hook')).toBe(2);
  });

  it('wrong tokens are counted by the gateway failure limiter: past the limit, 429 with retry-after', async () => {
    c.close();
    await gw!.stop();
    gw = await startGateway({
      home,
      config: { ...config(), gateway: { auth: { token: 'gw-token-0123456789abcdef', rateLimit: { maxFailures: 3 } } } },
    });
    c = await gw.client({ token: 'gw-token-0123456789abcdef' });
    for (let i = 0; i < 3; i++)
      expect((await post('/hooks/wake', { text: 'x' }, { authorization: 'Bearer guess-000000000000' })).status).toBe(
        401,
      );
    const limited = await post('/hooks/wake', { text: 'x' }, { authorization: `Bearer ${HOOK_TOKEN}` });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).code).toBe('GW_ERR_HOOKS_RATE_LIMITED');
    // A missing token is not a guess: it is not counted (and the limit still holds).
    expect((await post('/hooks/wake', { text: 'x' }, {})).status).toBe(401);
  });
});
