import type { ProviderPreset } from './provider-presets.js';

export interface ProviderEndpoint {
  /** The provider's name in models.providers (for messages). */
  name: string;
  api: ProviderPreset['api'];
  baseUrl: string;
  apiKey?: string;
  /**
   * A path under the base URL that answers only to a valid key, for providers whose model list is
   * public (OpenRouter: `GET /key`, "current API key").
   */
  keyCheckPath?: string;
}

export type ProviderCheck = { ok: true; models: string[] } | { ok: false; problem: string; status?: number };

/**
 * One cheap real request that proves the URL and the key: list the models (`GET {baseUrl}/models`,
 * Anthropic `GET {base}/v1/models`). Nothing is generated, so nothing is billed. Where the list is
 * public (OpenRouter), a second request to `keyCheckPath` proves the key.
 */
export async function listProviderModels(
  endpoint: ProviderEndpoint,
  options: { timeoutMs?: number; fetchImpl?: typeof fetch } = {},
): Promise<ProviderCheck> {
  const url = modelsUrl(endpoint);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (endpoint.api === 'anthropic-messages') {
    headers['anthropic-version'] = '2023-06-01';
    if (endpoint.apiKey) headers['x-api-key'] = endpoint.apiKey;
  } else if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;
  const get = async (target: string): Promise<Response | ProviderCheck> => {
    try {
      const res = await (options.fetchImpl ?? fetch)(target, {
        headers,
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      if (res.ok) return res;
      const detail = await errorDetail(res);
      return { ok: false, status: res.status, problem: explainHttpFailure(endpoint, target, res.status, detail) };
    } catch (err) {
      return { ok: false, problem: explainNetworkFailure(endpoint, target, err) };
    }
  };
  const res = await get(url);
  if (!(res instanceof Response)) return res;
  if (endpoint.keyCheckPath && endpoint.apiKey) {
    const keyRes = await get(`${endpoint.baseUrl.replace(/\/+$/, '')}${endpoint.keyCheckPath}`);
    if (!(keyRes instanceof Response)) return keyRes;
    await keyRes.body?.cancel();
  }
  const body = (await res.json().catch(() => undefined)) as { data?: Array<{ id?: unknown }> } | undefined;
  if (!body || !Array.isArray(body.data))
    return {
      ok: false,
      problem:
        `${url} answered, but not with a model list: is ${endpoint.baseUrl} the API's base URL ` +
        '(it usually ends in /v1)?',
    };
  const models = body.data.map((m) => m.id).filter((id): id is string => typeof id === 'string');
  return { ok: true, models: [...new Set(models)].sort() };
}

export function modelsUrl(endpoint: Pick<ProviderEndpoint, 'api' | 'baseUrl'>): string {
  const base = endpoint.baseUrl.replace(/\/+$/, '');
  // The agent plugin calls {base}/v1/messages for Anthropic whether or not the base ends in /v1.
  if (endpoint.api === 'anthropic-messages') return `${base.replace(/\/v1$/, '')}/v1/models`;
  return `${base}/models`;
}

/** Why a list-models call failed, in words that say what to fix (pure; tested beside). */
export function explainHttpFailure(endpoint: ProviderEndpoint, url: string, status: number, detail?: string): string {
  const said = detail ? ` ("${detail}")` : '';
  if (status === 401 || status === 403) {
    return endpoint.apiKey
      ? `${endpoint.name} refused the API key (HTTP ${status}${said}): check the key you entered for ` +
          `${endpoint.name} — it may be mistyped, revoked, or for another provider`
      : `${endpoint.name} wants an API key (HTTP ${status}${said}): enter one (--api-key)`;
  }
  if (status === 404)
    return (
      `${url} does not exist (HTTP 404): check the base URL ${endpoint.baseUrl} ` +
      '(OpenAI-compatible servers usually end in /v1)'
    );
  if (status === 429)
    return `${endpoint.name} is rate limiting this key (HTTP 429${said}): wait a moment and try again`;
  return `${url} answered HTTP ${status}${said}: the server may be having trouble; try again, or check the base URL`;
}

export function explainNetworkFailure(endpoint: ProviderEndpoint, url: string, err: unknown): string {
  const code = causeCode(err);
  const host = safeHost(url);
  if (code === 'ECONNREFUSED')
    return (
      `nothing answers at ${host} (connection refused): is the server running?` +
      (endpoint.name === 'ollama' ? ' Start it with "ollama serve".' : ' Check the base URL and port.')
    );
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `cannot find the host ${host} (${code}): check the base URL ${endpoint.baseUrl} and your network`;
  if (code === 'TimeoutError' || code === 'ABORT_ERR' || code === 'UND_ERR_CONNECT_TIMEOUT')
    return `${host} did not answer in time: check the base URL and your network (a firewall or proxy?)`;
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT'))
    return `the TLS connection to ${host} failed (${code}): check the URL's scheme (http:// or https://)`;
  return `could not reach ${url} (${code ?? (err as Error)?.message ?? 'network error'})`;
}

function causeCode(err: unknown): string | undefined {
  const e = err as { name?: string; code?: string; cause?: { code?: string; name?: string } };
  return e?.cause?.code ?? e?.code ?? (e?.name === 'TimeoutError' ? 'TimeoutError' : e?.cause?.name);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

async function errorDetail(res: Response): Promise<string | undefined> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message);
    if (typeof message === 'string') return message.slice(0, 160);
  } catch {
    /* not JSON */
  }
  return undefined;
}
