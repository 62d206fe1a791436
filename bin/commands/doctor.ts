import { Command, Option } from 'clipanion';
import { MoltbotCommand } from '../cli/base-command.js';
import { ExitCode } from '../cli/exit-codes.js';
import { readLocalProfile } from '../cli/local-profile.js';
import { checkChannelCredentials } from '../doctor/channel-checks.js';
import { checkAuth, checkConfigFile } from '../doctor/config-checks.js';
import { checkFileModes } from '../doctor/file-mode-checks.js';
import type { DoctorContext, Finding } from '../doctor/finding.js';
import { checkPort, checkStaleLocks } from '../doctor/runtime-checks.js';
import { checkService } from '../doctor/service-checks.js';

export class DoctorCommand extends MoltbotCommand {
  static override paths = [['doctor']];
  static override usage = Command.Usage({
    category: 'Status',
    description: 'Audit the profile and, with --fix, repair what is safe to repair.',
    details: `
      Checks: the config parses and validates (kernel + plugins); file modes (config and
      credentials 0600, state dirs 0700); gateway token strength; a non-loopback bind without
      auth; hooks.token reused as the gateway secret; the gateway port held by another process;
      stale lock/pid files; channel credentials present; the installed service matches this CLI.
      Each finding has a severity and the fix. --fix applies the safe repairs (chmod, new
      tokens, removing stale locks, rewriting the service file); it never kills processes.
      Exit 0 when no error remains (warnings allowed), 1 otherwise.
    `,
    examples: [
      ['Audit', 'moltbot doctor'],
      ['Audit and repair', 'moltbot doctor --fix'],
      ['JSON for monitoring', 'moltbot doctor --json'],
    ],
  });

  fix = Option.Boolean('--fix', false, { description: 'Apply the safe repairs' });
  json = Option.Boolean('--json', false, { description: 'Print the findings as JSON' });

  override wantsJson(): boolean {
    return this.json;
  }

  async run(): Promise<number> {
    const findings = await this.audit();
    if (this.fix) {
      for (const f of findings) {
        if (!f.repair) continue;
        try {
          await f.repair();
          f.fixed = true;
        } catch (err) {
          f.fixError = (err as Error).message;
        }
      }
    }
    const remaining = findings.filter((f) => f.severity === 'error' && !f.fixed);
    if (this.json) {
      this.printJson({
        ok: remaining.length === 0,
        fixed: this.fix,
        findings: findings.map(({ repair, ...f }) => ({ ...f, fixable: Boolean(repair) })),
      });
    } else {
      const s = this.style;
      for (const f of findings) {
        const mark = f.fixed
          ? s.green('fixed  ')
          : f.severity === 'error'
            ? s.red('error  ')
            : f.severity === 'warning'
              ? s.yellow('warning')
              : s.dim('ok     ');
        this.out(`${mark} [${f.check}] ${f.message}`);
        if (f.fix && !f.fixed)
          this.out(`        fix: ${f.fix}${f.repair && !this.fix ? s.dim(' (doctor --fix can do this)') : ''}`);
        if (f.fixError) this.out(`        ${s.red('could not fix')}: ${f.fixError}`);
      }
      const warnings = findings.filter((f) => f.severity === 'warning' && !f.fixed).length;
      this.out(
        remaining.length === 0
          ? s.green(`no errors${warnings ? `, ${warnings} warning(s)` : ''}`)
          : s.red(
              `${remaining.length} error(s) ` +
                `remain${this.fix ? '' : `: run "${this.hint('doctor --fix')}" for the ones it can repair`}`,
            ),
      );
    }
    return remaining.length === 0 ? ExitCode.ok : ExitCode.failure;
  }

  private async audit(): Promise<Finding[]> {
    const local = readLocalProfile(this.gatewayPaths());
    const ctx: DoctorContext = {
      paths: local.paths,
      hint: (args) => this.hint(args),
      env: process.env,
      config: local.config,
      configExists: local.snapshot?.exists ?? true,
      readError: local.readError,
      port: local.port,
      bind: local.bind,
    };
    return [
      ...(await checkConfigFile(ctx)),
      ...checkAuth(ctx),
      ...checkFileModes(ctx),
      ...checkStaleLocks(ctx),
      ...(await checkPort(ctx)),
      ...checkChannelCredentials(ctx),
      ...checkService(ctx),
    ];
  }
}
