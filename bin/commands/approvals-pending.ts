import { Command } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';

export class ApprovalsPendingCommand extends GatewayCommand {
  static override paths = [['approvals', 'pending']];
  static override usage = Command.Usage({
    category: 'Agents',
    description: 'Commands waiting for an operator decision (`exec.approval.list`).',
    examples: [['List', 'moltbot approvals pending']],
  });

  async run(): Promise<void> {
    const r = await this.call<{ pending: Array<Record<string, any>> }>('exec.approval.list', {});
    this.emit(r, () => {
      if (r.pending.length === 0) this.out('no command is waiting for approval');
      for (const p of r.pending) {
        const left = Math.max(0, Math.round((p.expiresAtMs - Date.now()) / 1000));
        this.out(`${String(p.id).slice(0, 8)}  ${p.agentId}  ${p.sessionKey ?? '-'}  ${left}s left`);
        this.out(`          $ ${p.command}   (in ${p.cwd})`);
      }
      if (r.pending.length) this.out('decide with: moltbot approvals resolve <id> allow-once|allow-always|deny');
    });
  }
}
