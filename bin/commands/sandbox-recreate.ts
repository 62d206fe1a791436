import { Command, Option } from 'clipanion';
import { CliError } from '../cli/cli-error.js';
import { GatewayCommand } from '../cli/gateway-command.js';

export class SandboxRecreateCommand extends GatewayCommand {
  static override paths = [['sandbox', 'recreate']];
  static override usage = Command.Usage({
    category: 'Agents',
    description:
      'Remove sandbox containers so they are made afresh (current image and config) on next use (`sandbox.recreate`).',
    examples: [
      ['Every container', 'moltbot sandbox recreate --all'],
      ["One agent's", 'moltbot sandbox recreate --agent work'],
      ["One session's", 'moltbot sandbox recreate --session agent:main:telegram:group:-100123'],
    ],
  });

  all = Option.Boolean('--all', false, { description: 'Every sandbox container of this gateway' });
  session = Option.String('--session', { description: 'The container of this session key' });
  agent = Option.String('--agent', { description: 'The containers of this agent' });

  async run(): Promise<void> {
    if (!this.all && !this.session && !this.agent)
      throw new CliError('GW_ERR_CLI_USAGE', 'say which containers: --all, --agent <id> or --session <key>');
    const r = await this.call<{ removed: string[] }>('sandbox.recreate', {
      ...(this.all ? { all: true } : {}),
      ...(this.session ? { sessionKey: this.session } : {}),
      ...(this.agent ? { agentId: this.agent } : {}),
    });
    this.emit(r, () => {
      if (r.removed.length === 0) this.out('no matching sandbox container');
      for (const name of r.removed) this.out(`removed ${name} (recreated on next use)`);
    });
  }
}
