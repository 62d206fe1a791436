import { Command, Option } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';

export class ApprovalsResolveCommand extends GatewayCommand {
  static override paths = [['approvals', 'resolve']];
  static override usage = Command.Usage({
    category: 'Agents',
    description: 'Decide a waiting command (`exec.approval.resolve`; an id prefix of 4+ characters is enough).',
    examples: [
      ['Run it once', 'moltbot approvals resolve 3f2a91c0 allow-once'],
      ['Run it and allow it from now on', 'moltbot approvals resolve 3f2a allow-always'],
      ['Refuse', 'moltbot approvals resolve 3f2a deny'],
    ],
  });

  id = Option.String({ name: 'id' });
  decision = Option.String({ name: 'allow-once|allow-always|deny' });

  async run(): Promise<void> {
    const r = await this.call<Record<string, any>>('exec.approval.resolve', { id: this.id, decision: this.decision });
    this.emit(r, () => this.out(`${r.decision}: ${r.id}`));
  }
}
