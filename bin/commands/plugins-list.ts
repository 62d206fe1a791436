import { Command } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';

export class PluginsListCommand extends GatewayCommand {
  static override paths = [['plugins', 'list'], ['plugins']];
  static override usage = Command.Usage({
    category: 'Plugins',
    description: 'List the plugins the running gateway knows: version, generation, state, last error.',
    examples: [
      ['Table', 'moltbot plugins list'],
      ['JSON', 'moltbot plugins list --json'],
    ],
  });

  async run(): Promise<void> {
    const result = await this.call<{ plugins: Array<Record<string, any>> }>('plugins.list', {});
    this.emit(result, () => {
      const s = this.style;
      if (result.plugins.length === 0) {
        this.out('no plugins are declared or enabled');
        return;
      }
      for (const p of result.plugins) {
        const state =
          p.state === 'active' ? s.green(p.state) : p.state === 'failed' ? s.red(p.state) : s.yellow(String(p.state));
        const err = p.lastError ? `  ${s.red(p.lastError.code ?? '')} ${p.lastError.message ?? ''}` : '';
        this.out(
          `${String(p.id).padEnd(16)} ${String(p.version ?? '-').padEnd(10)} gen ` +
            `${String(p.generation ?? 0).padEnd(3)} ` +
            `${state}${p.enabled === false && p.state !== 'disabled' ? s.dim(' (disabled)') : ''}${err}`,
        );
      }
    });
  }
}
