import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import type {
  AccessPolicy,
  AgentService,
  ChannelRouter,
  CommandRegistrar,
  InboundMessage,
  InboundOutcome,
} from '../../sdk/index.js';
import { decideAccess, isOwner } from './access-policy.js';
import { describeAttachments } from './attachment-types.js';
import { parseCommandText } from './commands/parse-command.js';
import type { GroupActivationStore } from './group-activation-store.js';
import type { InboundRoute } from './inbound-route.js';
import type { InboundStore } from './inbound-store.js';
import type { OutboundQueue } from './outbound-queue.js';
import type { PairingStore } from './pairing-store.js';

/** Moltbot's default: the last 50 group messages since the bot's last answer. */
export const DEFAULT_HISTORY_LIMIT = 50;

export interface RouterDeps {
  db: Database;
  inbound: InboundStore;
  pairing: PairingStore;
  outbound: OutboundQueue;
  activation: GroupActivationStore;
  /** Registered chat commands, looked up per message (a reloaded plugin's are seen at once). */
  commands: CommandRegistrar;
  /** The agent's mention patterns and history default (groups); absent while it is not loaded. */
  agent: () => AgentService | undefined;
  logger: Logger;
  /** Wake the dispatcher (a turn or a command is waiting). */
  onQueued(): void;
  /** A stranger got a pairing code (for the `pairing.requested` event). */
  onPairingRequested(request: {
    channel: string;
    accountId: string;
    code: string;
    senderId: string;
    senderName?: string;
  }): void;
}

/**
 * The `router` service: store the message (with what the policy decided) in the same
 * transaction as any immediate reply, then let the dispatcher run the agent turn or the chat
 * command. Resolving means "stored": the channel may acknowledge its source. Strangers never
 * reach the agent, and never run a command.
 */
export class InboundRouter implements ChannelRouter {
  constructor(private readonly deps: RouterDeps) {}

  async inbound(received: InboundMessage, policy: AccessPolicy): Promise<InboundOutcome> {
    const { db, inbound, pairing, outbound, logger } = this.deps;
    if (inbound.seen(received)) return { stored: true, disposition: 'duplicate' };
    const group = received.chatType === 'group';
    const approved = !group && pairing.isApproved(received.channel, received.accountId, received.senderId);
    // A registered `/name` not addressed to another bot is answered by the gateway, not the model.
    const parsed = parseCommandText(received.text);
    const command =
      parsed && !parsed.target && this.deps.commands.get(parsed.name)
        ? { name: parsed.name, args: parsed.args }
        : undefined;
    const groupChat = group ? this.groupChat() : undefined;
    const message: InboundMessage =
      group && !received.mentioned && groupChat?.mentioned(received.text) ? { ...received, mentioned: true } : received;
    const activation = group ? this.deps.activation.get(message) : undefined;
    const decision = decideAccess(message, policy, approved, { command: Boolean(command), activation });
    const route: InboundRoute = {
      isOwner: isOwner(message, policy),
      replyToMode: policy.replyToMode ?? 'first',
      historyLimit: policy.historyLimit ?? groupChat?.historyLimit ?? DEFAULT_HISTORY_LIMIT,
      ...(command ? { command } : {}),
      ...(activation ? { activation } : {}),
    };
    // Sniffed now, before the dispatcher runs turns in order (only for what may reach the agent).
    if (decision.kind === 'allow' && message.mediaPaths?.length)
      route.attachments = await describeAttachments(message.mediaPaths);
    let requested: { code: string } | undefined;
    const disposition = db.transaction((): InboundOutcome['disposition'] => {
      let disposition: InboundOutcome['disposition'];
      switch (decision.kind) {
        case 'allow':
          disposition = command ? 'command' : 'queued';
          // The sender should know at once that a file did not come through (the model is told too).
          if (message.mediaErrors?.length)
            outbound.enqueue({
              ...replyTarget(message),
              text: `⚠️ ${message.mediaErrors.join('\n⚠️ ')}`,
              idempotencyKey: [
                'media-errors',
                message.channel,
                message.accountId,
                message.chatId,
                message.messageId,
              ].join(':'),
            });
          break;
        case 'pairing': {
          const result = pairing.request(message);
          if (!result) {
            disposition = 'denied';
            break;
          }
          disposition = 'pairing';
          if (result.created) {
            requested = result.request;
            outbound.enqueue({
              channel: message.channel,
              accountId: message.accountId,
              to: message.chatId,
              text: pairingText(message.channel, result.request.code),
              idempotencyKey: [
                'pairing',
                message.channel,
                message.accountId,
                message.senderId,
                result.request.code,
              ].join(':'),
            });
          }
          break;
        }
        case 'deny':
          disposition = 'denied';
          break;
        case 'ignore':
          disposition = 'ignored';
          break;
      }
      const seq = inbound.insert(message, disposition, route);
      return seq === undefined ? 'duplicate' : disposition;
    })();
    if (decision.kind === 'deny')
      logger.info(
        {
          channel: message.channel,
          accountId: message.accountId,
          chatType: message.chatType,
          senderId: message.senderId,
          reason: decision.reason,
        },
        'inbound message denied by access policy',
      );
    if (requested)
      this.deps.onPairingRequested({
        channel: message.channel,
        accountId: message.accountId,
        code: requested.code,
        senderId: message.senderId,
        ...(message.senderName ? { senderName: message.senderName } : {}),
      });
    if (disposition === 'queued' || disposition === 'command') this.deps.onQueued();
    return { stored: true, disposition };
  }

  /** The agent's group settings; a failing agent must not stop messages from being stored. */
  private groupChat(): ReturnType<NonNullable<AgentService['groupChat']>> | undefined {
    try {
      return this.deps.agent()?.groupChat?.();
    } catch (err) {
      this.deps.logger.warn({ err }, 'could not read the agent group chat settings');
      return undefined;
    }
  }
}

export function replyTarget(message: InboundMessage) {
  return {
    channel: message.channel,
    accountId: message.accountId,
    to: message.chatId,
    ...(message.chatType === 'group' ? { replyTo: message.messageId } : {}),
    ...(message.threadId ? { threadId: message.threadId } : {}),
  };
}

export function pairingText(channel: string, code: string): string {
  return [
    "Hi! I don't know you yet, so I can't answer.",
    `Your pairing code: ${code}`,
    `Ask my owner to approve it with: moltbot pairing approve ${channel} ${code}`,
  ].join('\n');
}
