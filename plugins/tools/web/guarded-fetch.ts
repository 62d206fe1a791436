import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { toolsError } from '../errors.js';
import { checkLiteralHost, guardedLookup } from './address-guard.js';

export interface FetchLimits {
  allowPrivate: boolean;
  maxBytes: number;
  maxRedirects: number;
  timeoutMs: number;
  userAgent: string;
  /** Which addresses are refused (default: everything not public unicast). Tests narrow it. */
  blocked?: (address: string) => string | undefined;
}

export interface FetchedPage {
  url: string;
  finalUrl: string;
  status: number;
  contentType: string;
  body: Buffer;
  /** The body was cut at `maxBytes`. */
  truncated: boolean;
}

/**
 * GET a URL with the SSRF checks on every hop: only http(s), no credentials in the URL, literal
 * hosts checked, names checked after DNS resolution (the connection uses the checked address),
 * each redirect target checked the same way. Bodies are capped at `maxBytes` (after decoding).
 */
export async function guardedFetch(rawUrl: string, limits: FetchLimits, signal: AbortSignal): Promise<FetchedPage> {
  const deadline = AbortSignal.any([signal, AbortSignal.timeout(limits.timeoutMs)]);
  let url = parseUrl(rawUrl);
  for (let hop = 0; ; hop++) {
    checkLiteralHost(url.hostname, limits.allowPrivate, limits.blocked);
    const res = await request(url, limits, deadline);
    const location = res.headers.location;
    if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location) {
      res.resume();
      if (hop >= limits.maxRedirects)
        throw toolsError(
          'GW_ERR_TOOLS_WEB_FAILED',
          `${rawUrl} redirected more than ${limits.maxRedirects} times (tools.web.fetch.maxRedirects)`,
        );
      url = parseUrl(new URL(location, url).toString());
      continue;
    }
    const { body, truncated } = await readBody(res, limits.maxBytes, deadline);
    return {
      url: rawUrl,
      finalUrl: url.toString(),
      status: res.statusCode ?? 0,
      contentType: String(res.headers['content-type'] ?? ''),
      body,
      truncated,
    };
  }
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw toolsError('GW_ERR_TOOLS_WEB_URL', `"${raw}" is not a URL; give an absolute http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw toolsError('GW_ERR_TOOLS_WEB_URL', `web_fetch only fetches http and https URLs, not ${url.protocol}`);
  if (url.username || url.password)
    throw toolsError('GW_ERR_TOOLS_WEB_URL', 'web_fetch does not send credentials embedded in URLs');
  return url;
}

function request(url: URL, limits: FetchLimits, signal: AbortSignal): Promise<http.IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'GET',
        lookup: guardedLookup(limits.allowPrivate, limits.blocked),
        signal,
        headers: {
          'user-agent': limits.userAgent,
          accept: 'text/html,application/xhtml+xml,text/plain,application/json;q=0.9,*/*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
        },
      },
      resolve,
    );
    req.on('error', (err) => reject(failure(url, err, signal)));
    req.end();
  });
}

function readBody(
  res: http.IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
): Promise<{ body: Buffer; truncated: boolean }> {
  const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
  const stream =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? res.pipe(zlib.createGunzip())
      : encoding === 'deflate'
        ? res.pipe(zlib.createInflate())
        : encoding === 'br'
          ? res.pipe(zlib.createBrotliDecompress())
          : res;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (truncated: boolean) => {
      if (done) return;
      done = true;
      resolve({ body: Buffer.concat(chunks), truncated });
    };
    stream.on('data', (chunk: Buffer) => {
      if (done) return;
      const room = maxBytes - size;
      chunks.push(room < chunk.length ? chunk.subarray(0, room) : chunk);
      size += Math.min(room, chunk.length);
      if (size >= maxBytes) {
        finish(true);
        res.destroy();
      }
    });
    stream.on('end', () => finish(false));
    stream.on('error', (err) => {
      if (!done) reject(failure(undefined, err, signal));
    });
    res.on('aborted', () => {
      if (!done) reject(failure(undefined, new Error('the server closed the connection'), signal));
    });
  });
}

function failure(url: URL | undefined, err: Error, signal: AbortSignal): Error {
  if ((err as { code?: string }).code === 'GW_ERR_TOOLS_WEB_BLOCKED') return err;
  if (signal.aborted) {
    const reason = signal.reason as Error | undefined;
    if (reason?.name === 'TimeoutError')
      return toolsError('GW_ERR_TOOLS_WEB_FAILED', 'web_fetch timed out (tools.web.fetch.timeoutSeconds)');
    return reason ?? err;
  }
  return toolsError('GW_ERR_TOOLS_WEB_FAILED', `web_fetch failed${url ? ` for ${url.host}` : ''}: ${err.message}`, {
    cause: err,
  });
}
