import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectFrame, connectRaw, openRaw, upgradeStatus } from '../kernel/raw-socket.js';
import { startReady } from '../kernel/start-gateway.js';
import { type GatewayProcess, REPO_ROOT } from '../support/gateway-process.js';

/**
 * Every refusal path, one gateway: the WebSocket upgrade, the handshake, dispatch, the HTTP
 * guard and router, and each HTTP plugin. All go through wireError(); the body is the gateway's
 * ErrorShape unless the route declared its own (useErrorBody), and then the kernel's refusals on
 * that route take the route's shape too.
 */
const TOKEN = 'refusal-token-0123456789abcdefghijklmnop';
const HOOKS_TOKEN = 'hooks-secret-0123456789abcdef';
const PROBE = path.join(REPO_ROOT, 'test/kernel/fixtures/kernel-probe');
let gw: GatewayProcess;

beforeAll(async () => {
  gw = await startReady({
    config: {
      gateway: {
        auth: { token: TOKEN, rateLimit: { maxFailures: 3, windowMs: 60_000 } },
        http: { endpoints: { chatCompletions: { enabled: true }, responses: { enabled: true } } },
      },
      hooks: { enabled: true, token: HOOKS_TOKEN },
      plugins: { entries: { 'kernel-probe': { from: PROBE } } },
    },
  });
});
afterAll(async () => {
  await gw?.stop();
});

/** A raw request (fetch will not send a foreign Host header). */
function request(
  method: string,
  route: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: gw.port, path: route, method, headers, agent: false },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d.toString()));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {}
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const auth = { authorization: `Bearer ${TOKEN}` };
const json = { ...auth, 'content-type': 'application/json' };

/** The gateway's own body: `{error:{code, type, message, details:{errorCode}}}`. */
const gatewayShape = (code: string, errorCode: string) => ({
  error: { code, type: code.toLowerCase(), message: expect.any(String), details: { errorCode } },
});
const openAiShape = (type: string, code: string) => ({
  error: { message: expect.any(String), type, param: null, code },
});
const toolsShape = (type: string, code: string) => ({ ok: false, error: { type, message: expect.any(String), code } });

describe('refusals on the wire', () => {
  it('a foreign Host gets one body, on the WebSocket upgrade and on HTTP alike', async () => {
    const ws = await upgradeStatus(gw.port, { host: 'evil.example' });
    const web = await request('GET', '/probe/ping', { ...auth, host: 'evil.example' });
    expect(ws.status).toBe(403);
    expect(web.status).toBe(403);
    expect(JSON.parse(ws.body)).toEqual(gatewayShape('FORBIDDEN', 'GW_ERR_HOST_FORBIDDEN'));
    expect(JSON.parse(ws.body)).toEqual(web.body);
    const origin = await upgradeStatus(gw.port, { origin: 'https://evil.example' });
    expect(JSON.parse(origin.body)).toEqual(gatewayShape('FORBIDDEN', 'GW_ERR_ORIGIN_FORBIDDEN'));
  });

  it('handshake and dispatch refusals are the ErrorShape with details.errorCode', async () => {
    const noSecret = await openRaw(`ws://127.0.0.1:${gw.port}`);
    const refused = await connectRaw(noSecret, connectFrame(undefined));
    expect(refused).toMatchObject({ type: 'res', ok: false });
    expect(refused.error).toEqual({
      code: 'UNAUTHORIZED',
      message: expect.any(String),
      details: { errorCode: 'GW_ERR_AUTH_REQUIRED' },
    });
    const sock = await openRaw(`ws://127.0.0.1:${gw.port}`);
    expect((await connectRaw(sock, connectFrame(TOKEN))).ok).toBe(true);
    sock.send({ type: 'req', id: 'm1', method: 'no.such' });
    expect((await sock.next((f) => f.id === 'm1')).error).toEqual({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no.such'),
      details: { errorCode: 'GW_ERR_METHOD_UNKNOWN' },
    });
    sock.send({ type: 'req', id: 'm2', method: 42 });
    expect((await sock.next((f) => f.id === 'm2')).error).toEqual({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('invalid request frame'),
      details: { errorCode: 'GW_ERR_FRAME_INVALID' },
    });
    sock.ws.close();
  });

  it('the kernel guard and router answer in the gateway body on routes that declare none', async () => {
    const none = await request('GET', '/probe/ping');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.body).toEqual(gatewayShape('UNAUTHORIZED', 'GW_ERR_AUTH_REQUIRED'));
    expect((await request('GET', '/nowhere', auth)).body).toEqual(gatewayShape('NOT_FOUND', 'GW_ERR_HTTP_NOT_FOUND'));
    const method = await request('DELETE', '/probe/ping', auth);
    expect(method.status).toBe(405);
    expect(method.body).toEqual(gatewayShape('INVALID_REQUEST', 'GW_ERR_HTTP_METHOD'));
    const cross = await request('POST', '/probe/echo', { ...json, origin: 'https://evil.example' }, '{}');
    expect(cross.body).toEqual(gatewayShape('FORBIDDEN', 'GW_ERR_ORIGIN_FORBIDDEN'));
  });

  it('/tools/invoke: its {ok:false, error} body for its own errors and for the kernel’s refusals', async () => {
    const none = await request('POST', '/tools/invoke', { 'content-type': 'application/json' }, '{"tool":"x"}');
    expect(none.status).toBe(401);
    expect(none.body).toEqual(toolsShape('unauthorized', 'GW_ERR_AUTH_REQUIRED'));
    const method = await request('GET', '/tools/invoke', auth);
    expect(method.status).toBe(405);
    expect(method.body).toEqual(toolsShape('method_not_allowed', 'GW_ERR_HTTP_METHOD'));
    const media = await request('POST', '/tools/invoke', { ...auth, 'content-type': 'text/plain' }, 'x');
    expect(media.status).toBe(415);
    expect(media.body).toEqual(toolsShape('unsupported_media_type', 'GW_ERR_HTTP_MEDIA_TYPE'));
    const schema = await request('POST', '/tools/invoke', json, '{"tool":"x","args":[1]}');
    expect(schema.status).toBe(400);
    expect(schema.body).toEqual(toolsShape('invalid_request', 'GW_ERR_HTTP_BODY_INVALID'));
    expect(schema.body.error.message).toContain('args');
    const unknown = await request('POST', '/tools/invoke', json, '{"tool":"no_such_tool"}');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(toolsShape('not_found', 'GW_ERR_AGENT_TOOL_NOT_FOUND'));
  });

  it('hooks: {ok:false, error, code} for its refusals and the kernel’s; control-ui: the gateway body', async () => {
    const none = await request('POST', '/hooks/wake', { 'content-type': 'application/json' }, '{"text":"x"}');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toContain('moltbot-hooks');
    expect(none.body).toEqual({ ok: false, error: expect.any(String), code: 'GW_ERR_HOOKS_UNAUTHORIZED' });
    const hooksAuth = { authorization: `Bearer ${HOOKS_TOKEN}` };
    const method = await request('GET', '/hooks/wake', hooksAuth);
    expect(method.status).toBe(405);
    expect(method.body).toEqual({ ok: false, error: expect.any(String), code: 'GW_ERR_HOOKS_METHOD_NOT_ALLOWED' });
    const host = await request('POST', '/hooks/wake', { ...hooksAuth, host: 'evil.example' }, '{}');
    expect(host.status).toBe(403);
    expect(host.body).toEqual({ ok: false, error: expect.any(String), code: 'GW_ERR_HOST_FORBIDDEN' });
    const hookJson = { ...hooksAuth, 'content-type': 'application/json' };
    const schema = await request('POST', '/hooks/agent', hookJson, '{"message":"x","deliver":"yes"}');
    expect(schema.status).toBe(400);
    expect(schema.body).toEqual({
      ok: false,
      error: expect.stringContaining('deliver'),
      code: 'GW_ERR_HOOKS_BAD_REQUEST',
    });
    const asset = await request('GET', '/assets/no-such-file.js');
    expect(asset.status).toBe(404);
    expect(asset.body).toEqual(gatewayShape('NOT_FOUND', 'GW_ERR_CONTROL_UI_NOT_FOUND'));
  });

  it('the OpenAI endpoints: {error:{message,type,param,code}} for the kernel’s refusals too', async () => {
    for (const route of ['/v1/chat/completions', '/v1/responses']) {
      const none = await request('POST', route, { 'content-type': 'application/json' }, '{}');
      expect(none.status, route).toBe(401);
      expect(none.body, route).toEqual(openAiShape('authentication_error', 'GW_ERR_AUTH_REQUIRED'));
      const method = await request('GET', route, auth);
      expect(method.status, route).toBe(405);
      expect(method.body, route).toEqual(openAiShape('invalid_request_error', 'method_not_allowed'));
      const media = await request('POST', route, { ...auth, 'content-type': 'text/plain' }, 'x');
      expect(media.body, route).toEqual(openAiShape('invalid_request_error', 'unsupported_media_type'));
      const host = await request('POST', route, { ...json, host: 'evil.example' }, '{}');
      expect(host.body, route).toEqual(openAiShape('permission_error', 'GW_ERR_HOST_FORBIDDEN'));
    }
    // A body failing the route schema: the endpoint's own code, in its own body.
    const chat = await request('POST', '/v1/chat/completions', json, '{"model":"moltbot:main","messages":[]}');
    expect(chat.status).toBe(400);
    expect(chat.body).toEqual(openAiShape('invalid_request_error', 'GW_ERR_OPENAI_HTTP_BAD_REQUEST'));
    expect(chat.body.error.message).toContain('messages');
    const responses = await request('POST', '/v1/responses', json, '{"input":42}');
    expect(responses.status).toBe(400);
    expect(responses.body).toEqual(openAiShape('invalid_request_error', 'GW_ERR_RESPONSES_HTTP_BAD_REQUEST'));
  });

  // Last: it spends this source's failure budget.
  it('429 after repeated wrong secrets, with Retry-After, in each route’s own body', async () => {
    const wrong = { authorization: 'Bearer wrong-secret-wrong-secret' };
    for (let i = 0; i < 3; i++) await request('GET', '/probe/ping', wrong);
    const probe = await request('GET', '/probe/ping', wrong);
    expect(probe.status).toBe(429);
    expect(Number(probe.headers['retry-after'])).toBeGreaterThan(0);
    expect(probe.body).toMatchObject(gatewayShape('RATE_LIMITED', 'GW_ERR_AUTH_RATE_LIMITED'));
    expect(probe.body.error.retryAfterMs).toBeGreaterThan(0);
    const tools = await request('POST', '/tools/invoke', { ...wrong, 'content-type': 'application/json' }, '{}');
    expect(tools.status).toBe(429);
    expect(tools.body).toMatchObject(toolsShape('rate_limited', 'GW_ERR_AUTH_RATE_LIMITED'));
    const openai = await request(
      'POST',
      '/v1/chat/completions',
      { ...wrong, 'content-type': 'application/json' },
      '{}',
    );
    expect(openai.status).toBe(429);
    expect(openai.body).toEqual(openAiShape('rate_limit_error', 'GW_ERR_AUTH_RATE_LIMITED'));
    const ws = await openRaw(`ws://127.0.0.1:${gw.port}`);
    const refused = await connectRaw(ws, connectFrame('wrong-secret-wrong-secret'));
    expect(refused.error).toMatchObject({
      code: 'RATE_LIMITED',
      details: { errorCode: 'GW_ERR_AUTH_RATE_LIMITED' },
      retryable: true,
      retryAfterMs: expect.any(Number),
    });
  });
});
