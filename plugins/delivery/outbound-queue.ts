import path from 'node:path';
import type { Logger } from 'pino';
import {
  backoff,
  type ChannelRegistrar,
  ChannelSendError,
  type Lease,
  type OutboundMessage,
  type OutboundRequest,
  type OutboundService,
} from '../../sdk/index.js';
import type { DeliveryConfig } from './config-schema.js';
import { deliveryError } from './errors.js';
import { checkMediaSource } from './media-source.js';
import { type OutboundRow, OutboundStore } from './outbound-store.js';
import { soonRunner } from './soon-runner.js';
import { chunkText } from './text-chunker.js';

/** Used when the channel is not loaded yet at enqueue time (Telegram's limit, the smallest we ship). */
const FALLBACK_TEXT_LIMIT = 4000;
const PUMP_INTERVAL_MS = 250;
const SENT_RETENTION_MS = 7 * 24 * 3600 * 1000;

/**
 * Chats with a delivery in flight, shared by every generation of this plugin in the process:
 * a reloaded generation must not send a chat's head again while the retiring one still is.
 */
const chatsInFlight = new Set<string>();

/**
 * The durable outbound queue: `enqueue` persists before it returns; a pump delivers each chat's
 * oldest pending part through the channel adapter, retries with backoff, and moves parts that
 * keep failing (or fail permanently) to the dead-letter list. Delivery is at-least-once; the
 * idempotency key makes the enqueue effect once.
 */
export class OutboundQueue implements OutboundService {
  readonly store: OutboundStore;
  private pumping = false;
  /** Pump soon; many calls in one tick make one pump. */
  readonly kick = soonRunner(
    () => this.pump(),
    () => this.deps.lease.active,
  );
  private sentBatch: Array<{ seq: number; platformMessageId?: string }> = [];
  private sentFlush?: Promise<void>;

  constructor(
    db: ConstructorParameters<typeof OutboundStore>[0],
    private readonly deps: {
      channels: ChannelRegistrar;
      lease: Lease;
      logger: Logger;
      config: DeliveryConfig['outbound'];
      mediaRoots?: readonly string[];
      /** Relative media paths in agent replies are the default workspace's. */
      workspaceDir?: string;
    },
  ) {
    this.store = new OutboundStore(db);
  }

  start(): void {
    const { lease } = this.deps;
    lease.interval('outbound pump', PUMP_INTERVAL_MS, () => this.pump());
    lease.interval('outbound prune', 3600_000, () => this.store.pruneSent(Date.now() - SENT_RETENTION_MS));
    this.kick();
  }

  stats(): { pending: number; deadLetters: number } {
    let pending = 0;
    let deadLetters = 0;
    for (const c of Object.values(this.store.counts())) {
      pending += c.pending;
      deadLetters += c.dead;
    }
    return { pending, deadLetters };
  }

  /**
   * The source `ref` would be sent from (a relative path is the workspace's: `workspaceDir`, the
   * answering agent's, else the default one), or undefined when `enqueue` would refuse it (outside
   * the media folders and that workspace, missing, an unsupported scheme).
   */
  usableMedia(ref: string, workspaceDir = this.deps.workspaceDir): string | undefined {
    const source =
      /^[a-z][a-z0-9+.-]*:/i.test(ref) || path.isAbsolute(ref) || !workspaceDir ? ref : path.join(workspaceDir, ref);
    try {
      checkMediaSource(source, this.mediaRootsWith(workspaceDir));
      return source;
    } catch {
      return undefined;
    }
  }

  private mediaRootsWith(workspaceDir: string | undefined): readonly string[] {
    const roots = this.deps.mediaRoots ?? [];
    return workspaceDir && !roots.includes(workspaceDir) ? [...roots, workspaceDir] : roots;
  }

  /** `options.workspaceDir`: an agent's own workspace its reply's files may come from (agents.list[].workspace). */
  enqueue(
    request: OutboundRequest,
    options: { workspaceDir?: string } = {},
  ): { messageId: string; duplicate: boolean } {
    const text = request.text?.trim() ?? '';
    const media = request.mediaUrls?.filter((u) => u.trim().length > 0) ?? [];
    if (text.length === 0 && media.length === 0)
      throw deliveryError(
        'GW_ERR_DELIVERY_MESSAGE_EMPTY',
        'nothing to send: give a non-empty message or at least one mediaUrl',
      );
    for (const url of media) checkMediaSource(url, this.mediaRootsWith(options.workspaceDir));
    const adapter = this.deps.channels.get(request.channel);
    const accountId = request.accountId ?? adapter?.status().accounts[0]?.accountId ?? 'default';
    const limit = adapter?.capabilities.textLimit ?? FALLBACK_TEXT_LIMIT;
    const chunks = text.length > 0 ? chunkText(text, limit) : [];
    const common = { ...(request.threadId ? { threadId: request.threadId } : {}) };
    const parts: Array<Omit<OutboundMessage, 'accountId' | 'to'>> = [];
    // Media travels first with the opening chunk as its caption when short enough; the rest follow.
    if (media.length > 0)
      parts.push({
        ...common,
        mediaUrls: media,
        ...(request.replyTo ? { replyTo: request.replyTo } : {}),
        ...(chunks.length === 1 && chunks[0]!.length <= 1000 ? { text: chunks.shift() } : {}),
      });
    // A split reply quotes its trigger on the first part only, unless every part should.
    const threadAll = request.replyToMode === 'all';
    for (const [index, chunk] of chunks.entries()) {
      parts.push({
        ...common,
        text: chunk,
        ...(request.replyTo && (threadAll || (index === 0 && media.length === 0)) ? { replyTo: request.replyTo } : {}),
      });
    }
    const result = this.store.insert({
      channel: request.channel,
      accountId,
      to: request.to,
      parts,
      idempotencyKey: request.idempotencyKey,
      sessionKey: request.sessionKey,
    });
    if (!result.duplicate) this.kick();
    return result;
  }

  private pump(): void {
    if (this.pumping || !this.deps.lease.active) return;
    this.pumping = true;
    try {
      const now = Date.now();
      const loaded = this.deps.channels.list().map((a) => a.id);
      for (const row of this.store.pendingHeads(now, loaded)) {
        if (chatsInFlight.has(row.chat_key)) continue;
        const adapter = this.deps.channels.get(row.channel);
        // The channel may still be loading (startup, reload): wait for it without spending an attempt.
        if (!adapter) continue;
        chatsInFlight.add(row.chat_key);
        void this.deps.lease.track(this.deliver(row, adapter)).finally(() => {
          chatsInFlight.delete(row.chat_key);
          this.kick();
        });
      }
    } catch (err) {
      this.deps.logger.error({ err }, 'outbound pump failed');
    } finally {
      this.pumping = false;
    }
  }

  /**
   * Deliveries that complete in the same turn of the event loop share one commit. A crash
   * before it resends those messages at the next start (delivery is at-least-once anyway).
   */
  private recordSent(seq: number, platformMessageId: string | undefined): Promise<void> {
    this.sentBatch.push({ seq, ...(platformMessageId ? { platformMessageId } : {}) });
    this.sentFlush ??= new Promise<void>((resolve) =>
      setImmediate(() => {
        const batch = this.sentBatch.splice(0);
        this.sentFlush = undefined;
        try {
          this.store.markSentMany(batch);
        } catch (err) {
          this.deps.logger.error(
            { err, count: batch.length },
            'recording delivered messages failed; they will be sent again',
          );
        }
        resolve();
      }),
    );
    return this.sentFlush;
  }

  private async deliver(row: OutboundRow, adapter: NonNullable<ReturnType<ChannelRegistrar['get']>>): Promise<void> {
    const part = JSON.parse(row.payload) as Omit<OutboundMessage, 'accountId' | 'to'>;
    const message: OutboundMessage = { ...part, accountId: row.account_id, to: row.recipient };
    const { config, logger } = this.deps;
    try {
      const result = await adapter.send(message, this.deps.lease.signal);
      // The chat stays in flight until the batch holding this row is committed.
      await this.recordSent(row.seq, result.platformMessageId);
      logger.debug({ messageId: row.message_id, part: row.part, channel: row.channel }, 'outbound delivered');
    } catch (err) {
      // Cut short by a reload or shutdown: not the message's fault, the next generation retries it.
      if (this.deps.lease.signal.aborted) return;
      const error = err instanceof Error ? err.message : String(err);
      const permanent = err instanceof ChannelSendError && err.permanent;
      const attempts = row.attempts + 1;
      if (permanent || attempts >= config.maxAttempts) {
        this.store.markDead(row.seq, error);
        logger.warn(
          { messageId: row.message_id, part: row.part, channel: row.channel, attempts, error },
          'outbound message moved to the dead-letter list',
        );
        return;
      }
      const hinted = err instanceof ChannelSendError ? err.retryAfterMs : undefined;
      const delay = Math.max(
        hinted ?? 0,
        backoff(attempts, { baseMs: config.baseBackoffMs, maxMs: config.maxBackoffMs }),
      );
      this.store.markRetry(row.seq, error, Date.now() + delay);
      logger.info(
        { messageId: row.message_id, part: row.part, channel: row.channel, attempts, delayMs: delay, error },
        'outbound delivery failed; will retry',
      );
    }
  }
}
