import { Option } from 'clipanion';
import { GatewayCommand } from './gateway-command.js';

/** Shared by `approvals allowlist add|remove`: read the file, change one agent's list, write it back. */
export abstract class AllowlistEditCommand extends GatewayCommand {
  agent = Option.String('--agent', '*', { description: 'Agent id, or "*" for every agent (default)' });
  pattern = Option.String({ name: 'pattern' });

  protected async change(edit: (list: Array<Record<string, any>>) => string): Promise<void> {
    const client = await this.connect();
    try {
      const snap = await client.request<Record<string, any>>('exec.approvals.get', {});
      const file = structuredClone(snap.file);
      const agent = ((file.agents ??= {})[this.agent] ??= {});
      const list = (agent.allowlist ??= []);
      const said = edit(list);
      const r = await client.request<Record<string, any>>('exec.approvals.set', { file, baseHash: snap.hash });
      this.emit({ ...r, changed: said }, () => this.out(said));
    } finally {
      client.close();
    }
  }
}
