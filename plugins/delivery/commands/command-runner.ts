import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import type {
  AgentService,
  ChatCommand,
  ChatCommandInvocation,
  CommandRegistrar,
  InboundMessage,
  Lease,
} from '../../../sdk/index.js';
import { parseRoute } from '../inbound-route.js';
import type { InboundRow, InboundStore } from '../inbound-store.js';
import type { OutboundQueue } from '../outbound-queue.js';

/** A command that has not answered by then is cut short (its handler's signal aborts). */
const COMMAND_TIMEOUT_MS = 300_000;

/** Whether `command` may run for this sender in this chat. */
export function ownerRequired(command: Pick<ChatCommand, 'ownerOnly'>, chatType: 'direct' | 'group'): boolean {
  return command.ownerOnly === true || (command.ownerOnly === 'groups' && chatType === 'group');
}

/**
 * Runs the chat command of a stored inbound message (disposition `command`): looks the command
 * up at run time, refuses owner-only ones to other senders, runs the handler, and enqueues its
 * reply in the same transaction that marks the message done (a crash before that runs it again).
 */
export class CommandRunner {
  constructor(
    private readonly deps: {
      store: InboundStore;
      outbound: OutboundQueue;
      db: Database;
      commands: CommandRegistrar;
      agent: () => AgentService | undefined;
      lease: Lease;
      logger: Logger;
    },
  ) {}

  async run(row: InboundRow): Promise<void> {
    const { lease, logger } = this.deps;
    const message = JSON.parse(row.payload) as InboundMessage;
    const route = parseRoute(row.route);
    const name = route.command?.name ?? '';
    const command = this.deps.commands.get(name);
    const where = command?.ownerOnly === 'groups' ? ' in groups' : '';
    let reply: string;
    if (!command) reply = `⚠️ /${name} is not available right now (the plugin that offers it is not loaded).`;
    else if (ownerRequired(command, message.chatType) && !route.isOwner)
      reply = `⛔ /${name} is only for the owner of this assistant${where}.`;
    else {
      const timeout = AbortSignal.timeout(COMMAND_TIMEOUT_MS);
      const invocation: ChatCommandInvocation = {
        name,
        args: route.command?.args ?? '',
        channel: message.channel,
        accountId: message.accountId,
        chatId: message.chatId,
        chatType: message.chatType,
        senderId: message.senderId,
        ...(message.senderName ? { senderName: message.senderName } : {}),
        isOwner: route.isOwner,
        messageId: message.messageId,
        ...(message.threadId ? { threadId: message.threadId } : {}),
        ...this.sessionOf(message),
        signal: AbortSignal.any([lease.signal, timeout]),
      };
      try {
        // Called right away, not in a later tick: a command's effect (`/new`) lands before the
        // turns of the messages stored after it are submitted.
        const answer = await Promise.race([command.handler(invocation), rejectOnAbort(invocation.signal)]);
        reply = typeof answer === 'string' ? answer : (answer?.text ?? '');
      } catch (err) {
        // Cut short by a reload: the next generation runs it again.
        if (!lease.active) return;
        const why = timeout.aborted ? 'it took too long' : (err as Error).message;
        logger.warn({ err, command: name, channel: message.channel }, 'chat command failed');
        reply = `⚠️ /${name} failed: ${why}`;
      }
    }
    if (!lease.active) return;
    this.deps.db.transaction(() => {
      if (reply.trim()) {
        const group = message.chatType === 'group';
        this.deps.outbound.enqueue({
          channel: message.channel,
          accountId: message.accountId,
          to: message.chatId,
          text: reply,
          idempotencyKey: `command:${message.channel}:${row.seq}`,
          ...(group && route.replyToMode !== 'off' ? { replyTo: message.messageId } : {}),
          ...(message.threadId ? { threadId: message.threadId } : {}),
        });
      }
      this.deps.store.markDone(row.seq);
    })();
    logger.debug({ seq: row.seq, command: name, channel: message.channel }, 'chat command answered');
  }

  /** The session the chat maps to, when the agent is there to say. */
  private sessionOf(message: InboundMessage): { sessionKey?: string } {
    const agent = this.deps.agent();
    if (!agent) return {};
    try {
      const { channel, accountId, chatId, chatType, senderId, threadId } = message;
      return {
        sessionKey: agent.sessionKeyFor({
          channel,
          accountId,
          chatId,
          chatType,
          senderId,
          ...(threadId ? { threadId } : {}),
        }),
      };
    } catch {
      return {};
    }
  }
}

/** Rejects when `signal` aborts: a handler that ignores its signal still cannot hold the row forever. */
function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(signal.reason ?? new Error('aborted'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}
