import type { ChatCommand, CommandRegistrar } from '../../../sdk/index.js';

/** `/help`: every registered command (plugins' included), one line each. */
export function helpCommand(deps: { commands: CommandRegistrar }): ChatCommand {
  return {
    name: 'help',
    description: 'List the commands',
    handler(invocation) {
      const lines = deps.commands.list().map((c) => {
        const owner =
          c.ownerOnly === true
            ? ' (owner)'
            : c.ownerOnly === 'groups' && invocation.chatType === 'group'
              ? ' (owner)'
              : '';
        return `/${c.name} — ${c.description}${owner}`;
      });
      return ['Commands:', ...lines, '', 'Anything else goes to the assistant.'].join('\n');
    },
  };
}
