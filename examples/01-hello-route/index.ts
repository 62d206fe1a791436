import { definePlugin, PluginError, Type } from 'moltbot-gateway/sdk';

/** Config under `plugins.entries.hello.config`; defaults apply when a key is missing. */
const HelloConfig = Type.Object(
  {
    greeting: Type.String({ minLength: 1, default: 'Hello', description: 'Word used to greet' }),
    /** Chunks the /hello/stream SSE route sends, one per `intervalMs`. */
    streamChunks: Type.Integer({ minimum: 1, maximum: 1000, default: 5 }),
    intervalMs: Type.Integer({ minimum: 0, maximum: 10000, default: 100 }),
  },
  { additionalProperties: false },
);

export default definePlugin({
  id: 'hello',
  version: '1.2.0',
  sdk: '^1.0.0',
  configSchema: HelloConfig,
  description: 'Greets over WebSocket and HTTP; streams greetings over SSE.',
  register(app, ctx) {
    const { greeting, streamChunks, intervalMs } = ctx.config;
    let greeted = 0;

    // A WS method: `hello.greet {name}` → `{text, generation}`.
    ctx.methods.register('hello.greet', {
      scope: 'operator.read',
      params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
      handler: ({ name }) => ({ text: `${greeting}, ${name}!`, generation: ctx.generation }),
    });

    // A side-effecting method: the kernel dedupes by idempotencyKey, so a retry counts once.
    ctx.methods.register('hello.count', {
      scope: 'operator.write',
      idempotent: true,
      params: Type.Object({ idempotencyKey: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
      handler: () => {
        greeted += 1;
        ctx.events.emit('hello.counted', { greeted });
        return { greeted };
      },
    });
    ctx.events.declare('hello.counted');

    // HTTP routes on the gateway's port; the kernel checks the bearer token first.
    app.get('/hello', async () => ({ text: `${greeting}, world!`, generation: ctx.generation }));
    app.get<{ Params: { name: string } }>('/hello/:name', async (req) => {
      if (req.params.name.length > 100)
        throw new PluginError('GW_ERR_HELLO_NAME', 'INVALID_REQUEST', 'name is longer than 100 characters');
      return { text: `${greeting}, ${req.params.name}!` };
    });

    // An SSE stream: an in-flight stream finishes on its own generation during a reload.
    app.get('/hello/stream', (_req, reply) => {
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      let sent = 0;
      const generation = ctx.generation;
      const tick = () => {
        if (sent === streamChunks) {
          reply.raw.end('data: [DONE]\n\n');
          return;
        }
        sent += 1;
        reply.raw.write(`data: ${JSON.stringify({ chunk: sent, generation, text: greeting })}\n\n`);
        setTimeout(tick, intervalMs);
      };
      // Draining waits for tracked work: the stream is one.
      void ctx.lease.track(new Promise<void>((resolve) => reply.raw.once('close', () => resolve())));
      tick();
    });

    ctx.logger.info({ greeting }, 'hello plugin ready');
  },
});
