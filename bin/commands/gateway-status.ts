import { Command } from 'clipanion';
import { describeError } from '../cli/base-command.js';
import { ExitCode } from '../cli/exit-codes.js';
import { GatewayCommand } from '../cli/gateway-command.js';
import { describeService, installedSpec, parseServiceState, statusCommand } from '../service/service-manager.js';
import { runServiceCommand } from '../service/service-runner.js';

export class GatewayStatusCommand extends GatewayCommand {
  static override paths = [['gateway', 'status']];
  static override usage = Command.Usage({
    category: 'Service',
    description: 'The service (installed, matching, active) and whether the gateway answers.',
    details: 'Exit 0 when the gateway answers, 4 when it does not, 5 when it refuses our credentials.',
    examples: [
      ['Service and gateway state', 'moltbot gateway status'],
      ['As JSON', 'moltbot gateway status --json'],
    ],
  });

  async run(): Promise<number> {
    const paths = this.gatewayPaths();
    const service = describeService(paths, process.env);
    const spec = installedSpec(paths, process.env);
    let state: ReturnType<typeof parseServiceState> = {};
    if (spec) {
      const c = statusCommand(spec);
      state = parseServiceState(spec, runServiceCommand(c.cmd, c.args, process.env).stdout);
    }
    const target = this.target();
    const report: Record<string, any> = {
      service: { ...service, ...state },
      url: target.url,
      gateway: { reachable: false },
    };
    let exit: number = ExitCode.ok;
    try {
      const status = await this.call<Record<string, any>>('status', {});
      report.gateway = {
        reachable: true,
        pid: status.pid,
        version: status.version,
        uptimeMs: status.uptimeMs,
        port: status.port,
        bind: status.bind,
      };
    } catch (err) {
      const d = describeError(err, (args) => this.hint(args));
      report.gateway = { reachable: false, error: { code: d.code, message: d.message } };
      exit = d.exitCode;
    }
    this.emit(report, () => {
      const s = this.style;
      if (!service.installed)
        this.out(
          `service   ${s.dim('not installed')} (${service.name ?? 'unsupported platform'}): ` +
            this.hint('gateway install'),
        );
      else {
        const pid = state.pid ? ` pid ${state.pid}` : '';
        const differs =
          service.matches === false
            ? s.yellow(` (file differs from this CLI: run "${this.hint('gateway install')}" again)`)
            : '';
        this.out(
          `service   ${service.name} ${state.state ?? 'state unknown'}${pid}${differs}\n          ${service.file}`,
        );
      }
      if (report.gateway.reachable)
        this.out(
          `gateway   ${s.green('running')} at ${target.url} (pid ${report.gateway.pid}, ${report.gateway.version})`,
        );
      else this.out(`gateway   ${s.red('not reachable')} at ${target.url}: ${report.gateway.error.message}`);
    });
    return exit;
  }
}
