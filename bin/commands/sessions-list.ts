import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { GatewayCommand } from '../cli/gateway-command.js';

export class SessionsListCommand extends GatewayCommand {
  static override paths = [['sessions', 'list'], ['sessions']];
  static override usage = Command.Usage({
    category: 'Messaging',
    description: 'List agent sessions (`sessions.list`; needs the agent plugin).',
    examples: [
      ['Recent sessions', 'moltbot sessions list'],
      ['As JSON', 'moltbot sessions list --limit 100 --json'],
    ],
  });

  limit = Option.String('--limit', {
    description: 'At most this many',
    validator: t.cascade(t.isNumber(), [t.isInteger(), t.isInInclusiveRange(1, 10_000)]),
  });
  agentId = Option.String('--agent', { description: 'Only this agent' });

  async run(): Promise<void> {
    const result = await this.call<Record<string, any>>('sessions.list', {
      ...(this.limit ? { limit: this.limit } : {}),
      ...(this.agentId ? { agentId: this.agentId } : {}),
    });
    this.emit(result, () => {
      const sessions = (result.sessions ?? result.items ?? []) as Array<Record<string, any>>;
      if (sessions.length === 0) this.out('no sessions');
      for (const x of sessions) {
        const when =
          typeof x.updatedAt === 'number' ? new Date(x.updatedAt).toISOString().replace('T', ' ').slice(0, 19) : '';
        this.out(
          [String(x.key ?? x.sessionKey).padEnd(32), when, x.channel ?? '', x.displayName ?? x.label ?? '']
            .join(' ')
            .trimEnd(),
        );
      }
    });
  }
}
