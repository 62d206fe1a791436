import type { IncomingMessage, ServerResponse } from 'node:http';
import { anthropicWire } from './anthropic-wire.js';
import {
  disconnectSignal,
  flatHeaders,
  listenOnLoopback,
  pause,
  readBody,
  sendJson,
  untilAborted,
} from './http-server.js';
import { type FakeReply, planReply } from './model-reply.js';
import { openAiWire } from './openai-wire.js';
import type { ProviderApi, ProviderWire, RefusalKind } from './provider-wire.js';
import { RecordLog } from './record-log.js';

export type { FakeReply, FakeToolCall } from './model-reply.js';
export type { ProviderApi } from './provider-wire.js';

export interface FakeModelProviderOptions {
  /**
   * Accepted as `Authorization: Bearer <key>` or `x-api-key: <key>`. Default `test-key`; `null`: no key
   * needed (a local server such as Ollama).
   */
  apiKey?: string | null;
  /** `GET /v1/models` answers without a key, as OpenRouter's does (its `GET /v1/key` still checks it). */
  publicModelList?: boolean;
  /** Model ids that exist; any other → 404. Default `['test-model']`. */
  models?: string[];
}

/** One HTTP request as the fake received it. */
export interface FakeModelRequest {
  api: ProviderApi;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON body (the raw text when it was not JSON, undefined for GET). `any` so tests can index it freely. */
  body: any;
}

export interface FakeModelProvider {
  /** OpenAI-style base URL, `http://127.0.0.1:PORT/v1`. */
  readonly baseUrl: string;
  /** Anthropic-style base URL, `http://127.0.0.1:PORT` (the SDK appends `/v1/messages`). */
  readonly anthropicBaseUrl: string;
  /** Every request received, in arrival order (including refused ones and `GET /v1/models`). */
  readonly requests: readonly FakeModelRequest[];
  /** Scripted replies not yet consumed. */
  readonly pendingReplies: number;
  /** Queues replies; each completion request takes the next one, an empty queue echoes. */
  script(replies: FakeReply | FakeReply[]): void;
  /** Resolves with the first request (already received or future) matching the predicate. */
  waitForRequest(predicate?: (request: FakeModelRequest) => boolean, timeoutMs?: number): Promise<FakeModelRequest>;
  /** Clears the script queue and the recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

interface Route {
  wire: ProviderWire;
  kind: 'completion' | 'models' | 'key';
}

export async function startFakeModelProvider(options: FakeModelProviderOptions = {}): Promise<FakeModelProvider> {
  const apiKey = options.apiKey === undefined ? 'test-key' : options.apiKey;
  const models = options.models ?? ['test-model'];
  const queue: FakeReply[] = [];
  const log = new RecordLog<FakeModelRequest>();
  let serial = 0;

  const refuse = (
    res: ServerResponse,
    wire: ProviderWire,
    status: number,
    kind: RefusalKind,
    detail: string,
    headers: Record<string, string> = {},
  ): void => {
    sendJson(res, status, wire.errorBody(status, kind, wire.defaultMessage(status, kind, detail)), headers);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const signal = disconnectSignal(res);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const route = routeFor(req.method ?? 'GET', path, req);
    const raw = (await readBody(req)).toString('utf8');
    const body = parseJson(raw);
    const wire = route?.wire ?? (path.startsWith('/v1/messages') ? anthropicWire : openAiWire);
    log.add({
      api: wire.api,
      method: req.method ?? 'GET',
      path,
      headers: flatHeaders(req),
      body: raw === '' ? undefined : (body ?? raw),
    });

    if (route === undefined) return refuse(res, wire, 404, 'not_found', `${req.method} ${path}`);
    const presented = presentedKeys(req);
    if (route.kind === 'models' && options.publicModelList) return sendJson(res, 200, wire.modelList(models));
    if (apiKey !== null && !presented.includes(apiKey)) return refuse(res, wire, 401, 'auth', presented[0] ?? '');
    if (route.kind === 'models') return sendJson(res, 200, wire.modelList(models));
    // OpenRouter's "current API key" answer (https://openrouter.ai/docs/api/api-reference/api-keys/get-current-key).
    if (route.kind === 'key')
      return sendJson(res, 200, { data: { label: 'sk-or-v1-fak...key', limit: null, usage: 0, is_free_tier: true } });

    if (body === undefined || typeof body !== 'object' || body === null || Array.isArray(body)) {
      return refuse(res, wire, 400, 'invalid_request', 'The request body is not valid JSON.');
    }
    const request = body as Record<string, unknown>;
    const problem = wire.validate(request);
    if (problem !== undefined) return refuse(res, wire, 400, 'invalid_request', problem);
    if (!models.includes(request.model as string))
      return refuse(res, wire, 404, 'model_not_found', String(request.model));

    const reply = queue.shift();
    const plan = planReply(reply, wire.lastUserText(request), () => `${wire.toolCallIdPrefix}${++serial}`);
    if (plan.kind === 'hang') return untilAborted(signal);
    if (!(await pause(reply?.delayMs ?? 0, signal))) return;
    if (plan.kind === 'error') {
      const headers: Record<string, string> =
        plan.retryAfterSeconds === undefined ? {} : { 'retry-after': String(plan.retryAfterSeconds) };
      const message = plan.message ?? wire.defaultMessage(plan.status, 'scripted', '');
      return sendJson(res, plan.status, wire.errorBody(plan.status, 'scripted', message), headers);
    }
    await wire.writeAnswer({
      res,
      body: request,
      answer: plan.answer,
      serial: ++serial,
      chunkDelayMs: reply?.chunkDelayMs ?? 0,
      signal,
    });
  };

  const server = await listenOnLoopback(handle);
  const origin = `http://127.0.0.1:${server.port}`;
  return {
    baseUrl: `${origin}/v1`,
    anthropicBaseUrl: origin,
    requests: log.items,
    get pendingReplies() {
      return queue.length;
    },
    script(replies) {
      queue.push(...(Array.isArray(replies) ? replies : [replies]));
    },
    waitForRequest(predicate = () => true, timeoutMs = 2_000) {
      return log.waitFor(
        predicate,
        timeoutMs,
        () => log.items.map((r) => `${r.method} ${r.path}`).join(', ') || 'nothing',
      );
    },
    reset() {
      queue.length = 0;
      log.clear();
    },
    close: () => server.close(),
  };
}

function routeFor(method: string, path: string, req: IncomingMessage): Route | undefined {
  if (method === 'POST' && path === '/v1/chat/completions') return { wire: openAiWire, kind: 'completion' };
  if (method === 'POST' && path === '/v1/messages') return { wire: anthropicWire, kind: 'completion' };
  if (method === 'GET' && path === '/v1/key') return { wire: openAiWire, kind: 'key' };
  if (method === 'GET' && path === '/v1/models') {
    // Both APIs share this path; the Anthropic SDK always sends `anthropic-version`.
    return { wire: req.headers['anthropic-version'] === undefined ? openAiWire : anthropicWire, kind: 'models' };
  }
  return undefined;
}

function presentedKeys(req: IncomingMessage): string[] {
  const keys: string[] = [];
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (bearer?.[1] !== undefined) keys.push(bearer[1].trim());
  const headerKey = req.headers['x-api-key'];
  if (typeof headerKey === 'string') keys.push(headerKey);
  return keys;
}

function parseJson(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
