import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import {
  type AddressCheck,
  abortableSleep,
  backoff,
  type ChannelAccountState,
  type ChannelAccountStatus,
  type ChannelRouter,
  ChannelSendError,
  type InboundMessage,
  type OutboundMessage,
  type SendResult,
} from '../../sdk/index.js';
import type { WhatsAppAccountSettings } from './account-settings.js';
import { ensurePrivateDir, hasCredentials, removeCredentials, securePrivateFiles } from './credentials-dir.js';
import { disconnectAction, statusCodeOf } from './disconnect-policy.js';
import { whatsappError } from './errors.js';
import { jidToE164, toJid } from './jid.js';
import { mediaOfMessage } from './media-of-message.js';
import { messageToInbound, type WAMessageLike } from './message-to-inbound.js';
import { fetchPublicMedia } from './public-media-fetch.js';
import { sendWhatsAppMessage } from './whatsapp-sender.js';
import type { WhatsAppSocket, WhatsAppSocketFactory } from './whatsapp-socket.js';

const QUOTE_CACHE_SIZE = 500;

/**
 * The account currently owning each auth folder in this process. A reload builds the new
 * generation before the old one retires; two sockets on one session would knock each other
 * off (440), so the newcomer takes the session over and stops the old holder first.
 */
const sessionOwners = new Map<string, WhatsAppAccount>();

interface LoginWaiter {
  onQr(qr: string): void;
  resolve(): void;
  reject(err: Error): void;
}

export interface WhatsAppAccountDeps {
  factory: WhatsAppSocketFactory;
  authDir: string;
  router: () => ChannelRouter | undefined;
  logger: Logger;
  /** A `moltbot …` command line that works where the gateway was started (ctx.gateway.cliCommand). */
  cliCommand: (args: string) => string;
  /** Where attachments are saved (`<state>/media/inbound`, files 0600). */
  mediaDir: string;
  /** Which addresses outbound media URLs may not be fetched from (default: all but public ones). */
  blockedAddress?: AddressCheck;
}

/** After a stop, how long messages WhatsApp already delivered keep trying to reach the store. */
const STOP_STORE_GRACE_MS = 5000;

/**
 * One WhatsApp account, supervised on its own: the socket's `connection.update` drives the
 * state (QR → open → close), and each close reason decides what happens next (see
 * disconnect-policy.ts). Inbound messages are stored through the router before read receipts.
 */
export class WhatsAppAccount {
  private state: ChannelAccountState;
  private sock?: WhatsAppSocket;
  private unbind?: () => void;
  private identity?: string;
  private lastQr?: string;
  private lastInboundAt?: number;
  private lastOutboundAt?: number;
  private lastError?: string;
  private hint?: string;
  private attempts = 0;
  private restartUsed = false;
  private reconnectTimer?: NodeJS.Timeout;
  private stopped = false;
  private stopGraceUntil = 0;
  private readonly waiters = new Set<LoginWaiter>();
  /** Recent inbound messages, so a group reply can quote the message that triggered it. */
  private readonly recent = new Map<string, WAMessageLike>();
  private inboundChain: Promise<void> = Promise.resolve();

  private loginHint(): string {
    const account = this.accountId === 'default' ? '' : ` --account ${this.accountId}`;
    return `run: ${this.deps.cliCommand(`channels login --channel whatsapp${account}`)}`;
  }

  constructor(
    readonly settings: WhatsAppAccountSettings,
    private readonly deps: WhatsAppAccountDeps,
  ) {
    this.state = settings.enabled ? 'not-linked' : 'disabled';
    if (settings.problem) {
      this.state = 'config-error';
      this.lastError = settings.problem.message;
      this.hint = settings.problem.hint;
    }
  }

  get accountId(): string {
    return this.settings.accountId;
  }

  /** Connect when linked before; otherwise wait for `channels.login`. */
  async start(): Promise<void> {
    if (this.state !== 'not-linked') return;
    const previous = sessionOwners.get(this.deps.authDir);
    sessionOwners.set(this.deps.authDir, this);
    if (previous && previous !== this) await previous.stop();
    if (this.stopped) return;
    if (hasCredentials(this.deps.authDir)) void this.connect();
    else this.hint = this.loginHint();
  }

  /** Mark the account unusable because another gateway holds the host's WhatsApp lock. */
  lockedOut(message: string): void {
    this.state = 'locked';
    this.lastError = message;
    this.hint = 'stop the other gateway, or give this one its own profile (--profile) and state dir';
  }

  status(): ChannelAccountStatus {
    return {
      accountId: this.accountId,
      linked: this.state === 'running',
      state: this.state,
      ...(this.identity ? { identity: this.identity } : {}),
      ...(this.lastInboundAt ? { lastInboundAt: this.lastInboundAt } : {}),
      ...(this.lastOutboundAt ? { lastOutboundAt: this.lastOutboundAt } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
      ...(this.hint ? { hint: this.hint } : {}),
    };
  }

  async login(onQr: (qr: string) => void, signal: AbortSignal): Promise<void> {
    if (this.state === 'running') return;
    if (this.state === 'locked' || this.state === 'config-error' || this.state === 'disabled') {
      throw whatsappError(
        'GW_ERR_WHATSAPP_LOGIN_FAILED',
        `whatsapp account ${this.accountId} cannot link: ` +
          `${this.lastError ?? this.state}${this.hint ? ` (${this.hint})` : ''}`,
      );
    }
    const done = new Promise<void>((resolve, reject) => {
      const waiter: LoginWaiter = {
        onQr,
        resolve: () => {
          cleanup();
          resolve();
        },
        reject: (err) => {
          cleanup();
          reject(err);
        },
      };
      const onAbort = () => waiter.reject(new Error('login cancelled'));
      const cleanup = () => {
        this.waiters.delete(waiter);
        signal.removeEventListener('abort', onAbort);
      };
      this.waiters.add(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) onAbort();
    });
    if (!this.sock && !this.reconnectTimer) {
      // A fresh link: forget earlier give-ups.
      this.attempts = 0;
      this.restartUsed = false;
      void this.connect();
    } else if (this.lastQr && this.state === 'qr') onQr(this.lastQr);
    return done;
  }

  async logout(): Promise<void> {
    const sock = this.sock;
    this.teardownSocket();
    if (sock) {
      try {
        await sock.logout();
      } catch (err) {
        this.deps.logger.warn(
          { accountId: this.accountId, err: (err as Error).message },
          'whatsapp logout call failed; removing local credentials anyway',
        );
      }
      sock.end(undefined);
    }
    removeCredentials(this.deps.authDir);
    this.state = 'not-linked';
    this.identity = undefined;
    this.lastError = undefined;
    this.hint = this.loginHint();
    this.rejectWaiters(whatsappError('GW_ERR_WHATSAPP_LOGGED_OUT', 'logged out'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopGraceUntil = Date.now() + STOP_STORE_GRACE_MS;
    if (sessionOwners.get(this.deps.authDir) === this) sessionOwners.delete(this.deps.authDir);
    this.rejectWaiters(new Error('channel stopped'));
    const sock = this.sock;
    this.teardownSocket();
    sock?.end(undefined);
    await this.inboundChain.catch(() => undefined);
    if (this.state === 'running' || this.state === 'connecting' || this.state === 'retrying' || this.state === 'qr')
      this.state = 'stopped';
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const sock = this.sock;
    if (!sock || this.state !== 'running') {
      if (!toJid(message.to))
        throw new ChannelSendError(`"${message.to}" is not a WhatsApp number (E.164, e.g. +15551234567) or JID`, {
          permanent: true,
        });
      throw new ChannelSendError(`whatsapp account ${this.accountId} is not connected (${this.state})`, {
        permanent: false,
      });
    }
    const result = await sendWhatsAppMessage(
      sock,
      message,
      message.replyTo ? this.recent.get(message.replyTo) : undefined,
      (url) =>
        fetchPublicMedia(url, {
          maxBytes: this.settings.mediaMaxBytes,
          timeoutMs: 60_000,
          ...(this.deps.blockedAddress ? { blocked: this.deps.blockedAddress } : {}),
        }),
    );
    this.lastOutboundAt = Date.now();
    return result;
  }

  async typing(chatId: string): Promise<void> {
    const jid = toJid(chatId);
    if (jid && this.sock && this.state === 'running') await this.sock.sendPresenceUpdate('composing', jid);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.reconnectTimer = undefined;
    this.state = 'connecting';
    let sock: WhatsAppSocket;
    try {
      ensurePrivateDir(this.deps.authDir);
      sock = await this.deps.factory({
        accountId: this.accountId,
        authDir: this.deps.authDir,
        logger: this.deps.logger,
      });
    } catch (err) {
      this.deps.logger.error({ accountId: this.accountId, err }, 'whatsapp socket could not be created');
      this.scheduleReconnect(`socket could not be created: ${(err as Error).message}`);
      return;
    }
    if (this.stopped) {
      sock.end(undefined);
      return;
    }
    this.sock = sock;
    const onConnection = (update: { connection?: string; qr?: string; lastDisconnect?: { error?: unknown } }) =>
      this.onConnectionUpdate(sock, update);
    const onCreds = () => securePrivateFiles(this.deps.authDir);
    const onMessages = (upsert: { messages?: WAMessageLike[]; type?: string }) => {
      // One at a time, in order: each is stored before the next (and before its read receipt).
      this.inboundChain = this.inboundChain
        .then(() => this.onMessages(sock, upsert))
        .catch((err) => this.deps.logger.error({ err, accountId: this.accountId }, 'whatsapp inbound handling failed'));
    };
    sock.ev.on('connection.update', onConnection);
    sock.ev.on('creds.update', onCreds);
    sock.ev.on('messages.upsert', onMessages);
    this.unbind = () => {
      sock.ev.off('connection.update', onConnection);
      sock.ev.off('creds.update', onCreds);
      sock.ev.off('messages.upsert', onMessages);
    };
  }

  private onConnectionUpdate(
    sock: WhatsAppSocket,
    update: { connection?: string; qr?: string; lastDisconnect?: { error?: unknown } },
  ): void {
    if (sock !== this.sock) return;
    if (update.qr) {
      this.state = 'qr';
      this.lastQr = update.qr;
      this.hint = 'scan the QR code: WhatsApp → Settings → Linked devices → Link a device';
      for (const w of this.waiters) w.onQr(update.qr);
    }
    if (update.connection === 'open') {
      this.state = 'running';
      this.attempts = 0;
      this.lastQr = undefined;
      this.lastError = undefined;
      this.hint = undefined;
      if (sock.user?.id) this.identity = jidToE164(sock.user.id);
      securePrivateFiles(this.deps.authDir);
      this.deps.logger.info({ accountId: this.accountId, identity: this.identity }, 'whatsapp connected');
      for (const w of [...this.waiters]) w.resolve();
      return;
    }
    if (update.connection !== 'close') return;
    const code = statusCodeOf(update.lastDisconnect?.error);
    const reason = (update.lastDisconnect?.error as Error | undefined)?.message ?? 'connection closed';
    this.teardownSocket();
    if (this.stopped) return;
    const action = disconnectAction(code, this.restartUsed);
    switch (action.kind) {
      case 'logged-out':
        this.state = 'logged-out';
        this.identity = undefined;
        this.lastError = `logged out by WhatsApp (${code}): the linked device was removed`;
        this.hint = this.loginHint();
        // The stored session is dead; keeping it would only fail again.
        removeCredentials(this.deps.authDir);
        this.deps.logger.error({ accountId: this.accountId, code }, `whatsapp logged out; ${this.hint}`);
        this.rejectWaiters(
          whatsappError('GW_ERR_WHATSAPP_LOGGED_OUT', `whatsapp account ${this.accountId} was logged out`),
        );
        return;
      case 'replaced':
        this.state = 'replaced';
        this.lastError = 'connection replaced (440): another WhatsApp Web session for this number took over';
        this.hint =
          'close the other session (another gateway or WhatsApp Web), then run moltbot ' +
          'channels login or restart the gateway';
        this.deps.logger.error(
          { accountId: this.accountId, code },
          'whatsapp session replaced by another client; not reconnecting',
        );
        this.rejectWaiters(whatsappError('GW_ERR_WHATSAPP_REPLACED', this.lastError));
        return;
      case 'restart-now':
        this.restartUsed = true;
        this.deps.logger.info(
          { accountId: this.accountId },
          'whatsapp asked for a restart after pairing; reconnecting',
        );
        void this.connect();
        return;
      case 'backoff':
        this.scheduleReconnect(`${reason}${code ? ` (${code})` : ''}`);
        return;
    }
  }

  private scheduleReconnect(error: string): void {
    if (this.stopped) return;
    this.attempts++;
    this.lastError = error;
    if (this.attempts > this.settings.maxReconnectAttempts) {
      this.state = 'failed';
      this.hint =
        `gave up after ${this.settings.maxReconnectAttempts} reconnect attempts; check the network, then ` +
        `${this.loginHint()} or restart the gateway`;
      this.deps.logger.error(
        { accountId: this.accountId, attempts: this.attempts - 1, error },
        'whatsapp reconnect attempts exhausted',
      );
      this.rejectWaiters(whatsappError('GW_ERR_WHATSAPP_LOGIN_FAILED', `whatsapp connection failed: ${error}`));
      return;
    }
    this.state = 'retrying';
    const delay = backoff(this.attempts, { baseMs: this.settings.reconnectBaseMs, maxMs: 5 * 60_000 });
    this.deps.logger.warn(
      { accountId: this.accountId, attempt: this.attempts, delayMs: delay, error },
      'whatsapp disconnected; reconnecting',
    );
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
  }

  private async onMessages(sock: WhatsAppSocket, upsert: { messages?: WAMessageLike[]; type?: string }): Promise<void> {
    if (upsert.type !== 'notify') return;
    for (const msg of upsert.messages ?? []) {
      const inbound = messageToInbound(msg, this.accountId, sock.user?.id);
      if (!inbound) continue;
      this.lastInboundAt = Date.now();
      await this.saveMedia(sock, msg, inbound);
      this.recent.set(inbound.messageId, msg);
      if (this.recent.size > QUOTE_CACHE_SIZE) this.recent.delete(this.recent.keys().next().value as string);
      if (!(await this.store(inbound))) return;
      if (this.settings.sendReadReceipts) await sock.readMessages([msg.key]).catch(() => undefined);
    }
  }

  /**
   * Download a message's attachment into the media folder, refusing what is over `mediaMaxMb`
   * (by the size WhatsApp declares, then by what arrives). A refusal is noted on the message:
   * the router tells an allowed sender, the model sees a note.
   */
  private async saveMedia(sock: WhatsAppSocket, msg: WAMessageLike, inbound: InboundMessage): Promise<void> {
    const media = mediaOfMessage(msg);
    if (!media || !sock.downloadMedia) return;
    const max = this.settings.mediaMaxBytes;
    const refuse = (why: string) => {
      inbound.mediaErrors = [`${media.kind} ${media.fileName} not received: ${why}`];
    };
    const tooBig = (bytes: number) =>
      `the file is ${(bytes / 1048576).toFixed(1)} MB, over the ${(max / 1048576).toFixed(1)} MB limit for ` +
      'attachments (channels.whatsapp.mediaMaxMb)';
    if (media.declaredBytes !== undefined && media.declaredBytes > max) return refuse(tooBig(media.declaredBytes));
    try {
      const data = await sock.downloadMedia(msg, AbortSignal.timeout(60_000));
      if (data.length > max) return refuse(tooBig(data.length));
      fs.mkdirSync(this.deps.mediaDir, { recursive: true, mode: 0o700 });
      const safe = media.fileName.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 70) || 'file';
      const file = path.join(this.deps.mediaDir, `whatsapp-${randomUUID().slice(0, 8)}-${safe}`);
      fs.writeFileSync(file, data, { mode: 0o600 });
      inbound.mediaPaths = [file];
    } catch (err) {
      this.deps.logger.warn({ err, accountId: this.accountId }, 'whatsapp attachment download failed');
      refuse(`the download failed (${(err as Error).message})`);
    }
  }

  /**
   * Store one message through the router, retrying (the router may be reloading, the disk busy)
   * until it is stored: WhatsApp has already been told we received it and will not send it
   * again. After a stop, keep trying for a short grace so a reload does not drop it.
   */
  private async store(inbound: InboundMessage): Promise<boolean> {
    for (let i = 0; ; i++) {
      const router = this.deps.router();
      if (router) {
        try {
          await router.inbound(inbound, this.settings.policy);
          return true;
        } catch (err) {
          if (i % 10 === 0)
            this.deps.logger.warn(
              { err, accountId: this.accountId, messageId: inbound.messageId },
              'could not store a whatsapp message yet; retrying',
            );
        }
      } else if (i % 20 === 0) {
        this.deps.logger.warn({ accountId: this.accountId }, 'router service not available; holding whatsapp messages');
      }
      if (this.stopped && Date.now() > this.stopGraceUntil) {
        this.deps.logger.error(
          { accountId: this.accountId, messageId: inbound.messageId },
          'whatsapp message could not be stored before the channel stopped',
        );
        return false;
      }
      await abortableSleep(backoff(i + 1, { baseMs: 250, maxMs: 4000 }));
    }
  }

  private teardownSocket(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.unbind?.();
    this.unbind = undefined;
    this.sock = undefined;
  }

  private rejectWaiters(err: Error): void {
    for (const w of [...this.waiters]) w.reject(err);
  }
}
