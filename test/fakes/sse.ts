import type { ServerResponse } from 'node:http';

export function startEventStream(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...headers,
  });
  res.flushHeaders();
}

/** Writes one server-sent event; `event` is omitted for OpenAI-style streams that only use `data:`. */
export function writeEvent(res: ServerResponse, data: unknown, event?: string): void {
  const line = typeof data === 'string' ? data : JSON.stringify(data);
  res.write(`${event === undefined ? '' : `event: ${event}\n`}data: ${line}\n\n`);
}
