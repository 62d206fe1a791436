/**
 * One HTTP POST with a JSON body over a keep-alive agent: the whole answer, or (for SSE) the
 * time the first content chunk arrived. Both sides of a comparison use this same client.
 */
import http from 'node:http';
import { now } from './clock.js';

export interface PostResult {
  readonly status: number;
  readonly body: string;
  /** Absolute times (see `clock.now`). */
  readonly sentAt: number;
  readonly doneAt: number;
  /** SSE: when the first `data:` event with non-empty `choices[0].delta.content` arrived. */
  readonly firstContentAt?: number;
}

/** Index of the first SSE `data:` line in `text` whose chunk carries content, or -1. */
function firstContentIndex(text: string): number {
  const re = /^data: (.+)$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] === '[DONE]') continue;
    try {
      const chunk = JSON.parse(m[1]!) as { choices?: { delta?: { content?: unknown } }[] };
      const content = chunk.choices?.[0]?.delta?.content;
      if (typeof content === 'string' && content.length > 0) return m.index;
    } catch {
      // a partial line; the next read completes it
    }
  }
  return -1;
}

export function postJson(
  agent: http.Agent,
  url: string,
  headers: Record<string, string>,
  body: unknown,
  timeoutMs = 10_000,
): Promise<PostResult> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const sentAt = now();
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        timeout: timeoutMs,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = '';
        let firstContentAt: number | undefined;
        const sse = String(res.headers['content-type'] ?? '').startsWith('text/event-stream');
        res.setEncoding('utf8');
        res.on('data', (piece: string) => {
          text += piece;
          if (sse && firstContentAt === undefined && firstContentIndex(text) >= 0) firstContentAt = now();
        });
        res.once('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text,
            sentAt,
            doneAt: now(),
            ...(firstContentAt !== undefined ? { firstContentAt } : {}),
          }),
        );
        res.once('error', reject);
      },
    );
    req.once('timeout', () =>
      req.destroy(new Error(`POST ${new URL(url).pathname}: no answer within ${timeoutMs} ms`)),
    );
    req.once('error', reject);
    req.end(payload);
  });
}
