import fs from 'node:fs';
import path from 'node:path';
import { type ChannelAccountStatus, type ChannelAdapter, definePlugin, Type } from 'moltbot-gateway/sdk';

const FileDropConfig = Type.Object(
  {
    /**
     * Folder watched for inbound messages: `<inboxDir>/<chatId>/<anything>.txt`.
     * Default: the plugin's data dir + `/inbox`.
     */
    inboxDir: Type.Optional(Type.String({ minLength: 1 })),
    /** Folder replies are written to: `<outboxDir>/<chatId>/<time>-<n>.txt`. Default: data dir + `/outbox`. */
    outboxDir: Type.Optional(Type.String({ minLength: 1 })),
    pollMs: Type.Integer({ minimum: 50, maximum: 60000, default: 500 }),
    dmPolicy: Type.Union(
      [Type.Literal('pairing'), Type.Literal('allowlist'), Type.Literal('open'), Type.Literal('disabled')],
      { default: 'open' },
    ),
    allowFrom: Type.Array(Type.String(), { default: ['*'] }),
  },
  { additionalProperties: false },
);

/**
 * The channel contract in ~100 lines: an adapter (id, capabilities, status, send), inbound
 * messages handed to the router service, and a poll loop that dies with the generation's lease.
 */
export default definePlugin({
  id: 'filedrop',
  version: '0.3.0',
  sdk: '^1.0.0',
  configSchema: FileDropConfig,
  dependsOn: ['router'],
  description: 'A local channel: text files in, text files out.',
  register(_app, ctx) {
    const inbox = ctx.config.inboxDir ?? path.join(ctx.paths.dataDir, 'inbox');
    const outbox = ctx.config.outboxDir ?? path.join(ctx.paths.dataDir, 'outbox');
    fs.mkdirSync(inbox, { recursive: true, mode: 0o700 });
    fs.mkdirSync(outbox, { recursive: true, mode: 0o700 });
    const account: ChannelAccountStatus = { accountId: 'default', linked: true, state: 'running', identity: inbox };
    let written = 0;

    const adapter: ChannelAdapter = {
      id: 'filedrop',
      label: 'File drop',
      capabilities: { textLimit: 10_000, media: false, groups: false, typing: false, reactions: false },
      status: () => ({ linked: true, accounts: [{ ...account }] }),
      async send(message) {
        const dir = path.join(outbox, safeName(message.to));
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        const file = path.join(dir, `${Date.now()}-${++written}.txt`);
        fs.writeFileSync(file, message.text ?? '', { mode: 0o600 });
        account.lastOutboundAt = Date.now();
        return { platformMessageId: path.basename(file) };
      },
    };
    ctx.channels.register(adapter);

    let polling = false;
    const poll = async () => {
      if (polling || !ctx.lease.active) return;
      polling = true;
      try {
        for (const chat of fs.readdirSync(inbox)) {
          const chatDir = path.join(inbox, chat);
          if (!fs.statSync(chatDir).isDirectory()) continue;
          for (const name of fs
            .readdirSync(chatDir)
            .filter((n) => n.endsWith('.txt'))
            .sort()) {
            // Looked up on every message: after a reload of the router, the new one is used.
            const router = ctx.services.get('router');
            if (!router) {
              account.lastError =
                'the router service is not loaded (enable the delivery plugin); messages wait in the inbox';
              return;
            }
            const file = path.join(chatDir, name);
            const text = fs.readFileSync(file, 'utf8');
            const outcome = await router.inbound(
              {
                channel: 'filedrop',
                accountId: 'default',
                messageId: `${chat}/${name}`,
                chatId: chat,
                chatType: 'direct',
                senderId: chat,
                text,
                ts: Date.now(),
              },
              { dmPolicy: ctx.config.dmPolicy, allowFrom: ctx.config.allowFrom, groups: {} },
            );
            // Only a stored message may leave the inbox: nothing is lost if we crash before.
            if (outcome.stored) fs.rmSync(file, { force: true });
            account.lastInboundAt = Date.now();
            account.lastError = undefined;
          }
        }
      } catch (err) {
        account.lastError = (err as Error).message;
        ctx.logger.warn({ err }, 'file drop poll failed');
      } finally {
        polling = false;
      }
    };
    ctx.lease.interval('inbox poll', ctx.config.pollMs, () => void poll());
    ctx.lease.defer('mark stopped', () => {
      account.state = 'stopped';
    });
  },
});

function safeName(chatId: string): string {
  return chatId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || 'chat';
}
