import { Command } from 'clipanion';
import { ExitCode } from '../cli/exit-codes.js';
import { GatewayCommand } from '../cli/gateway-command.js';

export class HealthCommand extends GatewayCommand {
  static override paths = [['health']];
  static override usage = Command.Usage({
    category: 'Status',
    description: "Show the gateway's health snapshot; exit 0 only when it is ok.",
    details: `
      Connects like any client, asks for \`health\` and prints it. Exit codes: 0 healthy, 1 the
      gateway answered but is not ok (a failed plugin, a rejected config edit), 4 unreachable,
      5 credentials refused, 6 no answer within --timeout (default 10s).
    `,
    examples: [
      ['Check the default profile', 'moltbot health'],
      ['Machine-readable, 3 s deadline', 'moltbot health --json --timeout 3s'],
      ['A remote gateway', 'moltbot health --url ws://10.0.0.5:18789 --token "$TOKEN"'],
    ],
  });

  async run(): Promise<number> {
    const target = this.target();
    const snapshot = await this.call<Record<string, any>>('health', {});
    this.emit(snapshot, () => {
      const s = this.style;
      this.out(`${snapshot.ok ? s.green('healthy') : s.red('NOT healthy')}  ${target.url}`);
      const plugins = (snapshot.plugins ?? []) as Array<{ id: string; version: string; state: string; error?: string }>;
      const pluginText = (p: (typeof plugins)[number]) =>
        `${p.id}@${p.version} ${p.state === 'active' ? s.green(p.state) : s.red(p.state)}` +
        (p.error ? ` (${p.error})` : '');
      this.out(`plugins   ${plugins.length === 0 ? s.dim('none enabled') : plugins.map(pluginText).join(', ')}`);
      const channels = Object.entries((snapshot.channels ?? {}) as Record<string, { linked: boolean; error?: string }>);
      const channelText = ([id, c]: (typeof channels)[number]) =>
        `${id} ${c.linked ? s.green('linked') : s.yellow('not linked')}${c.error ? ` (${c.error})` : ''}`;
      this.out(`channels  ${channels.length === 0 ? s.dim('none') : channels.map(channelText).join(', ')}`);
      this.out(`sessions  ${snapshot.sessions?.count ?? 0}`);
      if (snapshot.configError)
        this.out(
          `config    ${s.red('rejected edit')}: ` +
            `${snapshot.configError.message ?? JSON.stringify(snapshot.configError)}`,
        );
    });
    if (!snapshot.ok) {
      this.err(
        `the gateway is running but not healthy: see the failing parts above, and "${this.hint('logs')}" / ` +
          `"${this.hint('doctor')}"`,
      );
      return ExitCode.failure;
    }
    return ExitCode.ok;
  }
}
