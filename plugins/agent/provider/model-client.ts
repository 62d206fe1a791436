import type { PluginContext } from '../../../sdk/index.js';
import { abortableSleep, backoff, PluginError } from '../../../sdk/index.js';

type Logger = PluginContext<unknown>['logger'];

import { agentError } from '../errors.js';
import { anthropicMessages } from './anthropic-messages.js';
import { resolveApiKey } from './api-key.js';
import type { ResolvedModel } from './model-ref.js';
import type { ModelCall, ModelTurn, WireFormat } from './model-types.js';
import { openAiCompletions } from './openai-completions.js';
import type { ProviderHealth } from './provider-health.js';
import { readSse } from './sse-reader.js';

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_RETRIES = 2;
const MAX_RETRY_AFTER_MS = 60_000;
const MAX_BACKOFF_MS = 8_000;

export interface ModelClientOptions {
  logger: Logger;
  env: NodeJS.ProcessEnv;
  /** Told how each model's call ended (after its retries), for the providers' status. */
  health?: ProviderHealth;
}

/**
 * Calls a chain of models: each with retries (429/5xx/network, backoff, `retry-after`), an idle
 * timeout (no byte for `timeoutMs` ends the attempt), then the next model of the chain when one
 * fails. An abort of the run itself (`call.signal`) ends everything at once.
 */
export async function callModelChain(
  chain: ResolvedModel[],
  call: Omit<ModelCall, 'model'>,
  options: ModelClientOptions,
): Promise<{ turn: ModelTurn; model: ResolvedModel }> {
  let lastError: unknown;
  for (const [i, model] of chain.entries()) {
    try {
      const messages = takesImages(model) ? call.messages : withoutImages(call.messages, model.ref);
      const turn = await callWithRetries(model, { ...call, messages, model: model.model.id }, options);
      options.health?.succeeded(model.providerName);
      return { turn, model };
    } catch (err) {
      if (call.signal.aborted) throw call.signal.reason ?? err;
      options.health?.failed(model.providerName, model.ref, err as PluginError);
      lastError = err;
      if (i < chain.length - 1) {
        options.logger.warn(
          { model: model.ref, next: chain[i + 1]!.ref, code: (err as PluginError).code, err: (err as Error).message },
          'model failed; trying the next fallback',
        );
      }
    }
  }
  throw lastError;
}

/** A model takes images unless its config lists `input` without `"image"`. */
export function takesImages(model: ResolvedModel): boolean {
  return model.model.input === undefined || model.model.input.includes('image');
}

/** For a text-only model (a fallback): each image becomes a short note, so the turn still makes sense. */
function withoutImages(messages: ModelCall['messages'], ref: string): ModelCall['messages'] {
  return messages.map((m) => {
    if (m.role !== 'user' || !m.images?.length) return m;
    const note = `[${m.images.length} image${m.images.length > 1 ? 's' : ''} not shown: ${ref} takes text only]`;
    return { role: 'user', content: m.content ? `${m.content}\n\n${note}` : note };
  });
}

function wireFor(model: ResolvedModel): WireFormat {
  return model.provider.api === 'anthropic-messages' ? anthropicMessages : openAiCompletions;
}

async function callWithRetries(model: ResolvedModel, call: ModelCall, options: ModelClientOptions): Promise<ModelTurn> {
  const p = model.provider;
  const key = `models.providers.${model.providerName}`;
  const apiKey = resolveApiKey(model.providerName, p.apiKey, options.env);
  const wire = wireFor(model);
  const req = wire.request({ name: model.providerName, baseUrl: p.baseUrl, apiKey, headers: p.headers ?? {} }, call);
  const maxRetries = p.maxRetries ?? DEFAULT_MAX_RETRIES;
  const timeoutMs = p.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    const idle = new IdleTimeout(timeoutMs);
    const signal = AbortSignal.any([call.signal, idle.signal]);
    let failure: { error: PluginError; retryable: boolean; retryAfterMs?: number };
    try {
      const res = await fetch(req.url, {
        method: 'POST',
        headers: req.headers,
        body: JSON.stringify(req.body),
        signal,
      });
      idle.touch();
      if (res.ok && res.body) {
        const type = res.headers.get('content-type') ?? '';
        if (!type.includes('text/event-stream')) {
          throw agentError(
            'GW_ERR_AGENT_PROVIDER_RESPONSE',
            `${model.providerName} answered ${type || 'without a content type'} instead of an event stream: check ` +
              `${key}.baseUrl and ${key}.api`,
          );
        }
        try {
          return await wire.readStream(touching(readSse(res.body), idle), call);
        } catch (err) {
          if (err instanceof PluginError) throw err;
          if (call.signal.aborted) throw call.signal.reason ?? err;
          if (idle.fired)
            throw agentError(
              'GW_ERR_AGENT_PROVIDER_TIMEOUT',
              `${model.providerName} stopped streaming for ${timeoutMs} ms (${key}.timeoutMs)`,
              { retryable: true, cause: err },
            );
          throw agentError(
            'GW_ERR_AGENT_PROVIDER_RESPONSE',
            `${model.providerName} sent a stream we could not read: ${(err as Error).message}`,
            { cause: err },
          );
        }
      }
      failure = await httpFailure(res, model, wire, apiKey);
    } catch (err) {
      if (err instanceof PluginError) throw err;
      if (call.signal.aborted) throw call.signal.reason ?? err;
      failure = idle.fired
        ? {
            retryable: true,
            error: agentError(
              'GW_ERR_AGENT_PROVIDER_TIMEOUT',
              `${model.providerName} did not answer within ${timeoutMs} ms (${key}.timeoutMs)`,
              { cause: err },
            ),
          }
        : {
            retryable: true,
            error: agentError(
              'GW_ERR_AGENT_PROVIDER_UNREACHABLE',
              `model provider ${model.providerName} is unreachable at ${p.baseUrl} (${causeCode(err)}): check ` +
                `${key}.baseUrl and that the server is running`,
              { cause: err },
            ),
          };
    } finally {
      idle.clear();
    }
    if (!failure.retryable || attempt >= maxRetries) throw failure.error;
    const delay = failure.retryAfterMs ?? backoff(attempt + 1, { baseMs: 500, maxMs: MAX_BACKOFF_MS });
    options.logger.warn(
      { model: model.ref, attempt: attempt + 1, delayMs: Math.round(delay), code: failure.error.code },
      'model request failed; retrying',
    );
    if (!(await abortableSleep(delay, call.signal))) throw call.signal.reason;
  }
}

async function httpFailure(
  res: Response,
  model: ResolvedModel,
  wire: WireFormat,
  apiKey: string | undefined,
): Promise<{ error: PluginError; retryable: boolean; retryAfterMs?: number }> {
  const key = `models.providers.${model.providerName}`;
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  let said = (wire.errorMessage(body) ?? text.slice(0, 200)).trim();
  // Never echo our key back, even if a provider quotes it.
  if (apiKey && apiKey.length >= 4) said = said.split(apiKey).join('***');
  const detail = said ? `: ${said}` : '';
  const status = res.status;
  if (status === 401 || status === 403) {
    return {
      retryable: false,
      error: agentError(
        'GW_ERR_AGENT_PROVIDER_AUTH',
        `model provider ${model.providerName} rejected the API key (HTTP ${status})${detail}; fix ${key}.apiKey`,
      ),
    };
  }
  if (status === 404) {
    return {
      retryable: false,
      error: agentError(
        'GW_ERR_AGENT_MODEL_UNKNOWN',
        `model provider ${model.providerName} does not know model "${model.model.id}" or the URL (HTTP ` +
          `404)${detail}; check ${model.source} and ${key}.baseUrl`,
      ),
    };
  }
  if (status === 429) {
    const retryAfterMs = retryAfter(res.headers.get('retry-after'));
    return {
      retryable: true,
      retryAfterMs,
      error: agentError(
        'GW_ERR_AGENT_PROVIDER_RATE_LIMITED',
        `model provider ${model.providerName} is rate limiting us (HTTP 429)${detail}`,
        { retryable: true, retryAfterMs },
      ),
    };
  }
  if (status >= 500) {
    return {
      retryable: true,
      retryAfterMs: retryAfter(res.headers.get('retry-after')),
      error: agentError(
        'GW_ERR_AGENT_PROVIDER_FAILED',
        `model provider ${model.providerName} failed (HTTP ${status})${detail}`,
        { retryable: true },
      ),
    };
  }
  return {
    retryable: false,
    error: agentError(
      'GW_ERR_AGENT_PROVIDER_RESPONSE',
      `model provider ${model.providerName} refused the request (HTTP ${status})${detail}; check ${key}`,
    ),
  };
}

/** `retry-after` in seconds or as an HTTP date, capped. */
export function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const secs = Number(header);
  const ms = Number.isFinite(secs) ? secs * 1000 : Date.parse(header) - Date.now();
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

function causeCode(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}

/** Aborts when nothing happened for `ms` (a stream that keeps sending is not cut off). */
class IdleTimeout {
  private readonly ctl = new AbortController();
  private timer?: NodeJS.Timeout;
  fired = false;
  constructor(private readonly ms: number) {
    this.touch();
  }
  get signal(): AbortSignal {
    return this.ctl.signal;
  }
  touch(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.fired = true;
      this.ctl.abort(new Error('idle timeout'));
    }, this.ms);
  }
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

async function* touching<T>(source: AsyncIterable<T>, idle: IdleTimeout): AsyncGenerator<T> {
  for await (const item of source) {
    idle.touch();
    yield item;
  }
}
