import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type {
  SocketFactoryOptions,
  WhatsAppSocket,
  WhatsAppSocketFactory,
} from '../../plugins/whatsapp/whatsapp-socket.js';

/** A Baileys `lastDisconnect.error`: a Boom with `output.statusCode`. */
export function boom(statusCode: number, message = `closed (${statusCode})`): Error {
  return Object.assign(new Error(message), { isBoom: true, output: { statusCode, payload: { statusCode, message } } });
}

export interface SentMessage {
  jid: string;
  content: Record<string, any>;
  options?: Record<string, any>;
}

/**
 * A scripted stand-in for Baileys' socket: the test drives `connection.update`,
 * `creds.update` and `messages.upsert`, and reads what the plugin sent. WhatsApp's servers are
 * out of reach, so this is the one fake below the wire format (issue 6).
 */
export class FakeWASocket implements WhatsAppSocket {
  readonly ev = new EventEmitter();
  user: { id: string; name?: string } | undefined;
  readonly sent: SentMessage[] = [];
  readonly presence: Array<{ type: string; jid?: string }> = [];
  readonly read: unknown[] = [];
  loggedOut = false;
  ended = false;
  /** Attachment bytes by message id, as `downloadMedia` (Baileys' downloadMediaMessage) returns them. */
  readonly media = new Map<string, Buffer>();
  private serial = 0;

  constructor(readonly options: SocketFactoryOptions) {}

  qr(code: string): void {
    this.ev.emit('connection.update', { connection: 'connecting', qr: code });
  }

  /** What Baileys does on pairing: write creds.json (umask mode) and announce creds.update. */
  writeCreds(): void {
    fs.mkdirSync(this.options.authDir, { recursive: true });
    fs.writeFileSync(
      path.join(this.options.authDir, 'creds.json'),
      JSON.stringify({ me: { id: '15559990000:3@s.whatsapp.net' } }),
      { mode: 0o644 },
    );
    fs.writeFileSync(path.join(this.options.authDir, 'pre-key-1.json'), '{}', { mode: 0o644 });
    this.ev.emit('creds.update', { me: { id: '15559990000:3@s.whatsapp.net' } });
  }

  open(userId = '15559990000:3@s.whatsapp.net'): void {
    this.user = { id: userId, name: 'Molt' };
    this.ev.emit('connection.update', { connection: 'open' });
  }

  close(statusCode: number): void {
    this.ev.emit('connection.update', {
      connection: 'close',
      lastDisconnect: { error: boom(statusCode), date: new Date() },
    });
  }

  upsert(messages: unknown[], type = 'notify'): void {
    this.ev.emit('messages.upsert', { messages, type });
  }

  async sendMessage(jid: string, content: Record<string, unknown>, options?: Record<string, unknown>) {
    this.sent.push({ jid, content, ...(options ? { options } : {}) });
    return { key: { id: `OUT${++this.serial}`, remoteJid: jid, fromMe: true } };
  }

  async sendPresenceUpdate(type: 'composing' | 'paused' | 'available' | 'unavailable', jid?: string): Promise<void> {
    this.presence.push({ type, ...(jid ? { jid } : {}) });
  }

  async readMessages(keys: unknown[]): Promise<void> {
    this.read.push(...keys);
  }

  async downloadMedia(message: unknown): Promise<Buffer> {
    const id = (message as { key?: { id?: string } }).key?.id ?? '';
    const data = this.media.get(id);
    if (!data) throw new Error(`no media scripted for message ${id}`);
    return data;
  }

  async logout(): Promise<void> {
    this.loggedOut = true;
    this.close(401);
  }

  end(): void {
    this.ended = true;
  }
}

/** The factory injected into the plugin; `sockets` in creation order. */
export function fakeSocketFactory(): {
  factory: WhatsAppSocketFactory;
  sockets: FakeWASocket[];
  next(count: number, timeoutMs?: number): Promise<FakeWASocket>;
} {
  const sockets: FakeWASocket[] = [];
  const factory: WhatsAppSocketFactory = async (options) => {
    const sock = new FakeWASocket(options);
    sockets.push(sock);
    return sock;
  };
  const next = async (count: number, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (sockets.length < count) {
      if (Date.now() > deadline) throw new Error(`expected socket #${count}, only ${sockets.length} created`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return sockets[count - 1]!;
  };
  return { factory, sockets, next };
}

/** A WhatsApp text message as Baileys delivers it in `messages.upsert`. */
export function waText(
  from: string,
  id: string,
  text: string,
  extra: { group?: string; mentions?: string[]; quotedFromJid?: string; pushName?: string } = {},
) {
  const context =
    extra.mentions || extra.quotedFromJid
      ? {
          contextInfo: {
            ...(extra.mentions ? { mentionedJid: extra.mentions } : {}),
            ...(extra.quotedFromJid
              ? { participant: extra.quotedFromJid, quotedMessage: { conversation: 'earlier bot message' } }
              : {}),
          },
        }
      : {};
  return {
    key: {
      remoteJid: extra.group ?? `${from}@s.whatsapp.net`,
      fromMe: false,
      id,
      ...(extra.group ? { participant: `${from}@s.whatsapp.net` } : {}),
    },
    message: context.contextInfo ? { extendedTextMessage: { text, ...context } } : { conversation: text },
    pushName: extra.pushName ?? 'Tester',
    messageTimestamp: Math.floor(Date.now() / 1000),
  };
}

/** A WhatsApp image message (the bytes come from the socket's `media` map). */
export function waImage(from: string, id: string, caption: string, fileLength: number) {
  return {
    key: { remoteJid: `${from}@s.whatsapp.net`, fromMe: false, id },
    message: { imageMessage: { caption, mimetype: 'image/jpeg', fileLength } },
    pushName: 'Tester',
    messageTimestamp: Math.floor(Date.now() / 1000),
  };
}
