import http from 'node:http';
import https from 'node:https';
import { type AddressCheck, checkedLookup, literalHostReason, nonPublicReason } from '../../sdk/index.js';

export interface MediaFetchLimits {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects?: number;
  /** Which addresses are refused (default: the SDK's policy, everything not public). Tests narrow it. */
  blocked?: AddressCheck;
}

/** A media URL that could not be fetched; `permanent` when trying again would not help. */
export class MediaFetchError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MediaFetchError';
  }
}

/**
 * GET a media URL for sending, from this machine: only http(s) without credentials, only public
 * addresses (literal hosts checked, names checked after DNS, and the connection goes to the
 * checked address, so a rebinding answer cannot slip through), each redirect checked the same
 * way, the body capped at `maxBytes`. A URL from the agent (a `MEDIA:` line, the message tool)
 * must not reach the gateway's own network — the cloud metadata service, the control plane.
 */
export async function fetchPublicMedia(
  rawUrl: string,
  limits: MediaFetchLimits,
): Promise<{ data: Buffer; contentType?: string }> {
  const blocked = limits.blocked ?? nonPublicReason;
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let url = parseMediaUrl(rawUrl);
  for (let hop = 0; ; hop++) {
    const why = literalHostReason(url.hostname, blocked);
    if (why) throw new MediaFetchError(`${rawUrl} is not fetched: ${why} (only public addresses)`, true);
    const res = await get(url, blocked, signal, rawUrl);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      if (hop >= (limits.maxRedirects ?? 3)) throw new MediaFetchError(`${rawUrl} redirected too many times`, true);
      url = parseMediaUrl(new URL(res.headers.location, url).toString());
      continue;
    }
    if (status < 200 || status >= 300) {
      res.resume();
      // 408 and 429 are "later"; other 4xx answers will not change; 5xx may.
      throw new MediaFetchError(`${rawUrl} answered HTTP ${status}`, status < 500 && status !== 408 && status !== 429);
    }
    const data = await readCapped(res, limits.maxBytes, rawUrl);
    const type = res.headers['content-type']?.split(';')[0]?.trim();
    return { data, ...(type ? { contentType: type } : {}) };
  }
}

function parseMediaUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new MediaFetchError(`"${raw}" is not a URL`, true);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new MediaFetchError(`${raw}: only http and https media URLs are fetched`, true);
  if (url.username || url.password)
    throw new MediaFetchError(`${url.host}: credentials in media URLs are not sent`, true);
  return url;
}

function get(url: URL, blocked: AddressCheck, signal: AbortSignal, rawUrl: string): Promise<http.IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { lookup: publicOnlyLookup(blocked), signal }, resolve);
    req.on('error', (err) => {
      if (err instanceof MediaFetchError) return reject(err);
      const timedOut = signal.aborted;
      reject(new MediaFetchError(`${rawUrl}: ${timedOut ? 'timed out' : err.message}`, false));
    });
  });
}

/** The SDK's checked lookup: a name is refused when any of its addresses is not public. */
function publicOnlyLookup(blocked: AddressCheck) {
  return checkedLookup(
    blocked,
    (hostname, why) =>
      new MediaFetchError(`${hostname} is not fetched: it resolves to ${why} (only public addresses)`, true),
  );
}

async function readCapped(res: http.IncomingMessage, maxBytes: number, rawUrl: string): Promise<Buffer> {
  const tooBig = () =>
    new MediaFetchError(
      `${rawUrl} is over the ${sizeText(maxBytes)} limit for media (channels.whatsapp.mediaMaxMb)`,
      true,
    );
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw tooBig();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of res) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        res.destroy();
        throw tooBig();
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof MediaFetchError) throw err;
    throw new MediaFetchError(`${rawUrl}: the download broke off (${(err as Error).message})`, false);
  }
  return Buffer.concat(chunks);
}

function sizeText(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}
