import type {
  ChatCommand,
  ChatCommandInvocation,
  ExecApprovalDecision,
  ExecApprovalRequest,
  ExecApprovalService,
} from '../../../sdk/index.js';

const DECISIONS: Record<string, ExecApprovalDecision> = {
  allow: 'allow-once',
  once: 'allow-once',
  'allow-once': 'allow-once',
  always: 'allow-always',
  'allow-always': 'allow-always',
  deny: 'deny',
  no: 'deny',
};

const USAGE = 'Usage: /approve <id> allow|always|deny — /approve alone lists what waits.';

/**
 * `/approve <id> allow|always|deny` (owner): decide an exec approval from the chat. An owner of
 * this channel account decides requests that came from this account's chats or from no chat
 * (CLI, control UI runs); requests from another channel's chats are that channel's owners' to decide.
 */
export function approveCommand(deps: { approvals: () => ExecApprovalService | undefined }): ChatCommand {
  return {
    name: 'approve',
    description: 'Allow or deny a command the agent wants to run (<id> allow|always|deny)',
    ownerOnly: true,
    handler(inv) {
      const approvals = deps.approvals();
      if (!approvals)
        return (
          'Exec approvals are not available here: the tools plugin (service "exec-approvals") is not loaded. ' +
          'Enable it with plugins.entries.tools.enabled: true.'
        );
      const mine = approvals.pending().filter((r) => decidableHere(r, inv));
      const [id, word] = inv.args.split(/\s+/).filter(Boolean);
      if (!id) {
        if (mine.length === 0) return 'No exec approvals are waiting.';
        return [
          'Waiting for a decision:',
          ...mine.map((r) => `${r.id.slice(0, 8)} — ${r.command} (${secondsLeft(r)} s left)`),
          USAGE,
        ].join('\n');
      }
      const decision = word ? DECISIONS[word.toLowerCase()] : undefined;
      if (!decision) return USAGE;
      if (id.length < 4) return 'Give at least 4 characters of the approval id.';
      const matches = mine.filter((r) => r.id.startsWith(id));
      if (matches.length === 0) return `No waiting approval ${id} for this chat (it may have expired or been decided).`;
      if (matches.length > 1) return `${id} matches ${matches.length} approvals; give more of the id.`;
      const request = matches[0]!;
      approvals.resolve(request.id, decision, `${inv.channel}:${inv.senderId}`);
      const verdict =
        decision === 'deny' ? 'Denied' : decision === 'allow-always' ? 'Allowed (always)' : 'Allowed once';
      return `${verdict}: ${request.command}`;
    },
  };
}

function decidableHere(request: ExecApprovalRequest, inv: ChatCommandInvocation): boolean {
  return !request.origin || (request.origin.channel === inv.channel && request.origin.accountId === inv.accountId);
}

function secondsLeft(request: ExecApprovalRequest): number {
  return Math.max(0, Math.round((request.expiresAtMs - Date.now()) / 1000));
}
