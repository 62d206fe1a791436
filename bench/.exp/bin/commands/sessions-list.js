import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { GatewayCommand } from '../cli/gateway-command.js';
export class SessionsListCommand extends GatewayCommand {
    static paths = [['sessions', 'list'], ['sessions']];
    static usage = Command.Usage({
        category: 'Messaging',
        description: 'List agent sessions (`sessions.list`; needs the agent plugin).',
        examples: [
            ['Recent sessions', 'moltbot sessions list'],
            ['As JSON', 'moltbot sessions list --limit 100 --json'],
        ],
    });
    limit = Option.String('--limit', { description: 'At most this many', validator: t.cascade(t.isNumber(), [t.isInteger(), t.isInInclusiveRange(1, 10_000)]) });
    agentId = Option.String('--agent', { description: 'Only this agent' });
    async run() {
        const result = await this.call('sessions.list', { ...(this.limit ? { limit: this.limit } : {}), ...(this.agentId ? { agentId: this.agentId } : {}) });
        this.emit(result, () => {
            const sessions = (result.sessions ?? result.items ?? []);
            if (sessions.length === 0)
                this.out('no sessions');
            for (const x of sessions) {
                const when = typeof x.updatedAt === 'number' ? new Date(x.updatedAt).toISOString().replace('T', ' ').slice(0, 19) : '';
                this.out(`${String(x.key ?? x.sessionKey).padEnd(32)} ${when} ${x.channel ?? ''} ${x.displayName ?? x.label ?? ''}`.trimEnd());
            }
        });
    }
}
//# sourceMappingURL=sessions-list.js.map