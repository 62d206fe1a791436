import type { AgentService, AgentSessionInfo, ChatCommand, GatewayInfo } from '../../../sdk/index.js';
import type { GroupActivationStore } from '../group-activation-store.js';
import type { OutboundQueue } from '../outbound-queue.js';

/** `/status`: the gateway, this chat's session (model, settings, context use) and the queues — no model call. */
export function statusCommand(deps: {
  gateway: GatewayInfo;
  agent: () => AgentService | undefined;
  activation: GroupActivationStore;
  outbound: OutboundQueue;
}): ChatCommand {
  return {
    name: 'status',
    description: 'Show the gateway, model and session status',
    handler(inv) {
      const uptimeMin = Math.round((Date.now() - deps.gateway.startedAt) / 60_000);
      const lines = [`Moltbot gateway ${deps.gateway.version} — up ${uptimeMin} min`];
      let chat = `Channel: ${inv.channel} (account ${inv.accountId})`;
      if (inv.chatType === 'group') {
        const mode = deps.activation.get({ channel: inv.channel, accountId: inv.accountId, chatId: inv.chatId });
        chat += ` · group ${inv.chatId}, activation ${mode ?? 'as configured'}`;
      }
      lines.push(chat);
      const agent = deps.agent();
      if (!agent) lines.push('Agent: not loaded (check models.providers and agents.defaults.model)');
      else {
        const info = inv.sessionKey ? sessionInfo(agent, inv.sessionKey) : undefined;
        if (info) lines.push(...sessionLines(info));
        else if (inv.sessionKey) lines.push(`Session: ${inv.sessionKey}`);
        lines.push(`Agent queue: ${agent.queueDepth()} message(s) across all sessions`);
      }
      lines.push(`Outbound queue: ${deps.outbound.stats().pending} pending`);
      return lines.join('\n');
    },
  };
}

function sessionInfo(agent: AgentService, sessionKey: string): AgentSessionInfo | undefined {
  try {
    return agent.sessionInfo?.(sessionKey);
  } catch {
    return undefined;
  }
}

function sessionLines(info: AgentSessionInfo): string[] {
  const budget = info.contextWindow;
  const context = budget
    ? `~${tokens(info.contextTokens)} of ${tokens(budget)} tokens (${Math.round((info.contextTokens / budget) * 100)}%)`
    : `~${tokens(info.contextTokens)} tokens`;
  const queue = info.running ? `running, ${info.queued} waiting` : info.queued ? `${info.queued} waiting` : 'idle';
  return [
    `Session: ${info.sessionKey}${info.sessionId ? ` (id ${info.sessionId.slice(0, 8)})` : ''}`,
    `Model: ${info.model} (${info.modelSource}) · thinking ${info.thinking} · verbose ${info.verbose ? 'on' : 'off'}`,
    `Context: ${context} · ${info.messages} message(s) · compacted ${info.compactions}×`,
    `Session queue: ${queue}`,
  ];
}

function tokens(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}
