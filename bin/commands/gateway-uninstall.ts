import fs from 'node:fs';
import { Command, Option } from 'clipanion';
import { MoltbotCommand } from '../cli/base-command.js';
import { installedSpec, runPlanned, uninstallCommands } from '../service/service-manager.js';
import { runServiceCommand } from '../service/service-runner.js';

export class GatewayUninstallCommand extends MoltbotCommand {
  static override paths = [['gateway', 'uninstall']];
  static override usage = Command.Usage({
    category: 'Service',
    description: "Stop and remove the profile's gateway service. Config and state are kept.",
    examples: [
      ['Remove the service', 'moltbot gateway uninstall'],
      ['Remove the dev profile service', 'moltbot --dev gateway uninstall'],
    ],
  });

  json = Option.Boolean('--json', false, { description: 'Print the result as JSON' });

  override wantsJson(): boolean {
    return this.json;
  }

  async run(): Promise<void> {
    const spec = installedSpec(this.gatewayPaths(), process.env);
    if (!spec) {
      if (this.json) this.printJson({ ok: true, removed: false });
      else this.out('no gateway service is installed for this profile: nothing to do');
      return;
    }
    runPlanned(uninstallCommands(spec), process.env);
    fs.rmSync(spec.file, { force: true });
    if (spec.platform === 'linux')
      runServiceCommand('systemctl', spec.system ? ['daemon-reload'] : ['--user', 'daemon-reload'], process.env);
    if (this.json) this.printJson({ ok: true, removed: true, name: spec.name, file: spec.file });
    else this.out(`stopped and removed ${spec.name} (${spec.file})`);
  }
}
