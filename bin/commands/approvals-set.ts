import fs from 'node:fs';
import { Command, Option } from 'clipanion';
import { CliError } from '../cli/cli-error.js';
import { GatewayCommand } from '../cli/gateway-command.js';

export class ApprovalsSetCommand extends GatewayCommand {
  static override paths = [['approvals', 'set']];
  static override usage = Command.Usage({
    category: 'Agents',
    description:
      'Replace the exec approvals file with a JSON file (`exec.approvals.set`; refused if it changed meanwhile).',
    examples: [['From a file', 'moltbot approvals set --file ./exec-approvals.json']],
  });

  file = Option.String('--file', { required: true, description: 'JSON file: {version: 1, defaults?, agents?}' });

  async run(): Promise<void> {
    let parsed: any;
    try {
      parsed = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch (err) {
      throw new CliError('GW_ERR_CLI_INVALID_VALUE', `--file ${this.file}: ${(err as Error).message}`);
    }
    // `approvals get --json` output is accepted as is: its `file` is the content.
    const file = parsed && typeof parsed === 'object' && 'file' in parsed && 'hash' in parsed ? parsed.file : parsed;
    const client = await this.connect();
    try {
      const current = await client.request<Record<string, any>>('exec.approvals.get', {});
      const baseHash = parsed?.hash && parsed.hash !== current.hash ? parsed.hash : current.hash;
      const r = await client.request<Record<string, any>>('exec.approvals.set', { file, baseHash });
      this.emit(r, () => this.out(`wrote ${r.path} (hash ${String(r.hash).slice(0, 12)})`));
    } finally {
      client.close();
    }
  }
}
