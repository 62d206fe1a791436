import type { ChatCommand } from '../../../sdk/index.js';
import type { GroupActivation, GroupActivationStore } from '../group-activation-store.js';

const MODES: Record<GroupActivation, string> = {
  mention: 'I answer when someone @mentions me, replies to me, or says one of my mention patterns.',
  always: 'I read every message and answer when I have something to add.',
};

/** `/activation [mention|always]` (owner, groups): how the assistant joins in this group. */
export function activationCommand(deps: { activation: GroupActivationStore }): ChatCommand {
  return {
    name: 'activation',
    description: 'Groups: answer on mention or always (mention|always)',
    ownerOnly: true,
    handler(inv) {
      if (inv.chatType !== 'group') return '/activation works in group chats only.';
      const group = { channel: inv.channel, accountId: inv.accountId, chatId: inv.chatId };
      const wanted = inv.args.toLowerCase();
      if (!wanted) {
        const current = deps.activation.get(group);
        return current
          ? `Activation: ${current}. ${MODES[current]}`
          : 'Activation: as configured (requireMention). Use /activation mention or /activation always.';
      }
      if (wanted !== 'mention' && wanted !== 'always') return 'Usage: /activation mention|always';
      deps.activation.set(group, wanted, inv.senderId);
      return `Activation: ${wanted}. ${MODES[wanted]}`;
    },
  };
}
