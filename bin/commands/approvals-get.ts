import { Command } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';

export class ApprovalsGetCommand extends GatewayCommand {
  static override paths = [['approvals', 'get']];
  static override usage = Command.Usage({
    category: 'Agents',
    description: "The gateway's exec approvals file: policy and allowlists per agent (`exec.approvals.get`).",
    examples: [
      ['Show it', 'moltbot approvals get'],
      ['Save it for editing', 'moltbot approvals get --json > approvals.json'],
    ],
  });

  async run(): Promise<void> {
    const r = await this.call<Record<string, any>>('exec.approvals.get', {});
    this.emit(r, () => {
      this.out(`${r.path}${r.exists ? '' : ' (not created yet)'}  hash ${String(r.hash).slice(0, 12)}`);
      if (r.file.defaults) this.out(`defaults  ${JSON.stringify(r.file.defaults)}`);
      for (const [agent, entry] of Object.entries<Record<string, any>>(r.file.agents ?? {})) {
        const policy = ['security', 'ask']
          .filter((k) => entry[k])
          .map((k) => `${k}=${entry[k]}`)
          .join(' ');
        this.out(`agent ${agent}${policy ? `  ${policy}` : ''}`);
        for (const e of entry.allowlist ?? [])
          this.out(`  ${e.pattern}${e.lastUsedAt ? `  (last used ${new Date(e.lastUsedAt).toISOString()})` : ''}`);
      }
    });
  }
}
