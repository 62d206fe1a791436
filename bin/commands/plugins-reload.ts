import { Command, Option } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';

export class PluginsReloadCommand extends GatewayCommand {
  static override paths = [['plugins', 'reload']];
  static override usage = Command.Usage({
    category: 'Plugins',
    description: 'Rebuild one plugin with its current config (a new generation; the old one drains).',
    examples: [['Reload the Telegram channel', 'moltbot plugins reload telegram']],
  });

  id = Option.String({ name: 'id' });

  async run(): Promise<void> {
    const result = await this.call<{ plugin: Record<string, any> }>(
      'plugins.reload',
      { id: this.id },
      Math.max(this.timeoutMs(), 30_000),
    );
    this.emit(result, () =>
      this.out(`reloaded ${result.plugin.id} → generation ${result.plugin.generation} (${result.plugin.state})`),
    );
  }
}
