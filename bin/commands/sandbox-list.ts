import { Command } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';

function ago(ms: number | undefined): string {
  if (ms === undefined) return '-';
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  return s < 120 ? `${s}s` : s < 7200 ? `${Math.round(s / 60)}m` : `${Math.round(s / 3600)}h`;
}

export class SandboxListCommand extends GatewayCommand {
  static override paths = [['sandbox', 'list']];
  static override usage = Command.Usage({
    category: 'Agents',
    description: "This gateway's sandbox containers, whether each runs and matches the config (`sandbox.list`).",
    examples: [['List', 'moltbot sandbox list']],
  });

  async run(): Promise<void> {
    const r = await this.call<{ containers: Array<Record<string, any>> }>('sandbox.list', {});
    this.emit(r, () => {
      if (r.containers.length === 0) this.out('no sandbox containers');
      for (const c of r.containers)
        this.out(
          `${c.containerName}  ${c.running ? 'running' : 'stopped'}  ${c.image}` +
            `${c.upToDate === false ? ' (config changed)' : ''}` +
            `  age ${ago(c.createdAtMs)}  idle ${ago(c.lastUsedAtMs)}  ${c.scopeKey}`,
        );
    });
  }
}
