import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import {
  type AgentRunOrigin,
  type AgentService,
  backoff,
  type ChannelRegistrar,
  type CommandRegistrar,
  type InboundMessage,
  type Lease,
} from '../../sdk/index.js';
import { CommandRunner } from './commands/command-runner.js';
import { type InboundRoute, parseRoute } from './inbound-route.js';
import type { InboundRow, InboundStore } from './inbound-store.js';
import type { OutboundQueue } from './outbound-queue.js';
import { splitReplyMedia } from './reply-media.js';
import { soonRunner } from './soon-runner.js';
import { turnPrompt } from './turn-prompt.js';

const PUMP_INTERVAL_MS = 500;
const TYPING_REFRESH_MS = 4000;
/** Quick answers need no indicator: the first ping waits this long (and costs no API call when the reply beats it). */
const TYPING_DELAY_MS = 700;
const MAX_TURN_ATTEMPTS = 5;
/** Turns handed to the agent at once (it queues them per session); the rest wait, stored. */
const MAX_TURNS_IN_FLIGHT = 500;

/** Inbound rows with a turn or command in flight in this process, across generations (no double runs on reload). */
const turnsInFlight = new Set<number>();

/** Agent outcomes that say "later", not "never": the message waits and keeps its attempts. */
const AGENT_BUSY_CODES = new Set(['GW_ERR_AGENT_DRAINING', 'GW_ERR_AGENT_SHUTDOWN', 'GW_ERR_AGENT_QUEUE_FULL']);
const BUSY_RETRY_MS = 1000;
/** A group turn's answer that says "nothing to add" (activation `always`): not delivered. */
const SILENT_REPLY = /^\s*NO_REPLY\s*$/i;

/**
 * Runs what each stored inbound message asks for, oldest first: a chat command (the command
 * runner) or one agent turn (the agent serializes per session), and enqueues the reply in the
 * same transaction that marks the message done. A message whose turn did not finish (crash,
 * restart) is still `pending` and replays once.
 */
export class InboundDispatcher {
  /** Pump soon; many calls in one tick make one pump. */
  readonly kick = soonRunner(
    () => this.pump(),
    () => this.deps.lease.active,
  );
  private readonly commands: CommandRunner;

  constructor(
    private readonly deps: {
      store: InboundStore;
      outbound: OutboundQueue;
      db: Database;
      agent: () => AgentService | undefined;
      channels: ChannelRegistrar;
      commands: CommandRegistrar;
      lease: Lease;
      logger: Logger;
    },
  ) {
    this.commands = new CommandRunner(deps);
  }

  start(): void {
    this.deps.lease.interval('inbound pump', PUMP_INTERVAL_MS, () => this.pump());
    this.deps.lease.interval('inbound prune', 3600_000, () => this.deps.store.prune());
    this.kick();
  }

  private pump(): void {
    if (!this.deps.lease.active) return;
    const agent = this.deps.agent();
    try {
      for (const row of this.deps.store.pending(Date.now(), MAX_TURNS_IN_FLIGHT)) {
        if (turnsInFlight.has(row.seq)) continue;
        const work =
          row.disposition === 'command'
            ? this.runCommand(row)
            : // No agent loaded yet (startup order, reload): the message waits, stored.
              agent && this.runTurn(row, agent);
        if (!work) continue;
        turnsInFlight.add(row.seq);
        void this.deps.lease.track(work).finally(() => {
          turnsInFlight.delete(row.seq);
          // A finished turn makes room: pick up what a burst left waiting, without waiting for the tick.
          this.kick();
        });
      }
    } catch (err) {
      this.deps.logger.error({ err }, 'inbound pump failed');
    }
  }

  private async runCommand(row: InboundRow): Promise<void> {
    const stopTyping = this.startTyping(JSON.parse(row.payload) as InboundMessage);
    try {
      await this.commands.run(row);
    } catch (err) {
      this.deps.logger.error({ err, seq: row.seq }, 'chat command could not be answered');
      if (this.deps.lease.active) this.deps.store.markRetry(row.seq, (err as Error).message, Date.now() + 5000, true);
    } finally {
      stopTyping();
    }
  }

  private async runTurn(row: InboundRow, agent: AgentService): Promise<void> {
    const { store, outbound, db, logger, lease } = this.deps;
    const message = JSON.parse(row.payload) as InboundMessage;
    const origin: AgentRunOrigin = {
      channel: message.channel,
      accountId: message.accountId,
      chatId: message.chatId,
      chatType: message.chatType,
      messageId: message.messageId,
      senderId: message.senderId,
      ...(message.threadId ? { threadId: message.threadId } : {}),
      ...(message.senderName ? { senderName: message.senderName } : {}),
    };
    const route = parseRoute(row.route);
    const group = message.chatType === 'group';
    const stopTyping = this.startTyping(message);
    try {
      const sessionKey = agent.sessionKeyFor(origin);
      const history = group ? store.groupHistory(row, route.historyLimit) : [];
      const attachments = route.attachments ?? [];
      const { done } = agent.submit({
        sessionKey,
        message: turnPrompt(message, history),
        origin,
        idempotencyKey: `inbound:${row.seq}`,
        ...(attachments.length ? { attachments } : {}),
        ...(group ? { extraSystemPrompt: groupSystemPrompt(message, route) } : {}),
      });
      const result = await done;
      if (!lease.active) return;
      if (result.error && AGENT_BUSY_CODES.has(result.error.code)) {
        // Not the message's fault (the agent is restarting or its queue is full): try again
        // shortly without spending one of the message's attempts, and without telling the user.
        store.postpone(row.seq, result.error.message, Date.now() + BUSY_RETRY_MS);
        return;
      }
      const answer = result.status === 'ok' ? result.text : failureText(result);
      // `MEDIA: <path>` lines of the answer travel as attachments of the reply.
      // Relative paths are the answering agent's workspace (its own, when agents.list[].workspace sets one).
      const workspaceDir = result.status === 'ok' ? result.workspaceDir : undefined;
      const reply = splitReplyMedia(answer, (ref) => outbound.usableMedia(ref, workspaceDir));
      db.transaction(() => {
        if ((reply.text.trim().length > 0 || reply.mediaUrls.length > 0) && !SILENT_REPLY.test(reply.text)) {
          outbound.enqueue(
            {
              channel: message.channel,
              accountId: message.accountId,
              to: message.chatId,
              text: reply.text,
              ...(reply.mediaUrls.length ? { mediaUrls: reply.mediaUrls } : {}),
              sessionKey,
              idempotencyKey: `reply:${message.channel}:${row.seq}`,
              ...(group && route.replyToMode !== 'off'
                ? { replyTo: message.messageId, replyToMode: route.replyToMode }
                : {}),
              ...(message.threadId ? { threadId: message.threadId } : {}),
            },
            workspaceDir ? { workspaceDir } : {},
          );
        }
        store.markDone(row.seq);
      })();
      logger.debug({ seq: row.seq, runId: result.runId, status: result.status }, 'inbound turn finished');
    } catch (err) {
      if (!lease.active) return;
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && AGENT_BUSY_CODES.has(code)) {
        store.postpone(row.seq, (err as Error).message, Date.now() + BUSY_RETRY_MS);
        return;
      }
      const attempts = row.attempts + 1;
      const giveUp = attempts >= MAX_TURN_ATTEMPTS;
      store.markRetry(
        row.seq,
        (err as Error).message,
        Date.now() + backoff(attempts, { baseMs: 1000, maxMs: 60_000 }),
        giveUp,
      );
      logger.warn({ err, seq: row.seq, attempts, giveUp }, 'agent turn for an inbound message failed');
    } finally {
      stopTyping();
    }
  }

  private startTyping(message: InboundMessage): () => void {
    const adapter = this.deps.channels.get(message.channel);
    if (!adapter?.typing) return () => undefined;
    const ping = () => void adapter.typing!(message.accountId, message.chatId).catch(() => undefined);
    let interval: NodeJS.Timeout | undefined;
    const first = setTimeout(() => {
      ping();
      interval = setInterval(ping, TYPING_REFRESH_MS);
    }, TYPING_DELAY_MS);
    return () => {
      clearTimeout(first);
      clearInterval(interval);
    };
  }
}

/**
 * What a group turn adds to the system prompt: where the model is, and with activation `always`
 * (every message is a turn) that it may stay quiet.
 */
function groupSystemPrompt(message: InboundMessage, route: InboundRoute): string {
  const lines = [
    `You are in a ${message.channel} group chat (id ${message.chatId}). Each message starts with the name of ` +
      'whoever wrote it; address that person. Earlier messages you were not asked about may come first as context.',
  ];
  if (route.activation === 'always')
    lines.push(
      'You see every message of this group. Answer only when you have something useful to add; otherwise reply ' +
        'with exactly NO_REPLY and nothing else.',
    );
  return lines.join('\n');
}

function failureText(result: { status: string; error?: { message: string } }): string {
  if (result.status === 'aborted') return '';
  if (result.status === 'timeout') return '⚠️ The agent took too long to answer; please try again.';
  return `⚠️ The agent could not answer: ${result.error?.message ?? 'unknown error'}`;
}
