import type { FastifyReply } from 'fastify';

const KEEPALIVE_MS = 15_000;

/**
 * An SSE response on a hijacked reply: `data:` lines, ended by `data: [DONE]`. A comment line
 * every 15 s keeps proxies from cutting a stream while tools run.
 */
export class SseStream {
  private closed = false;
  private readonly keepalive: NodeJS.Timeout;

  constructor(private readonly reply: FastifyReply) {
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    reply.raw.flushHeaders();
    this.keepalive = setInterval(() => {
      if (this.open) this.reply.raw.write(': keepalive\n\n');
    }, KEEPALIVE_MS);
    this.keepalive.unref();
    reply.raw.once('close', () => {
      this.closed = true;
      clearInterval(this.keepalive);
    });
  }

  get open(): boolean {
    return !this.closed && !this.reply.raw.writableEnded;
  }

  send(data: unknown, event?: string): void {
    if (!this.open) return;
    this.reply.raw.write(
      `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`,
    );
  }

  end(done = true): void {
    clearInterval(this.keepalive);
    if (!this.open) return;
    if (done) this.reply.raw.write('data: [DONE]\n\n');
    this.reply.raw.end();
  }
}
