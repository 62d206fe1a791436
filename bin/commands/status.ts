import fs from 'node:fs';
import { Command, Option } from 'clipanion';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { describeError } from '../cli/base-command.js';
import { checkConfig, describeIssue } from '../cli/config-check.js';
import { ExitCode } from '../cli/exit-codes.js';
import { GatewayCommand } from '../cli/gateway-command.js';
import { packageVersion } from '../package-version.js';
import { describeService } from '../service/service-manager.js';

export class StatusCommand extends GatewayCommand {
  static override paths = [['status']];
  static override usage = Command.Usage({
    category: 'Status',
    description:
      'What runs and how: reachability, version, port/bind, auth, uptime, channels, plugins, ' +
      'sessions, queue, config errors.',
    details: `
      Always prints the local picture (profile, config file and its validity, port, service), then
      asks the gateway. When the gateway is down it says so and exits 4; 5 when it refuses our
      credentials; 0 when it answered. --deep asks for a probing health check (channels check
      their connections now); --all adds every plugin, presence entry and recent session.
    `,
    examples: [
      ['Quick look', 'moltbot status'],
      ['Everything, as JSON', 'moltbot status --all --deep --json'],
      ['The dev profile', 'moltbot --dev status'],
    ],
  });

  all = Option.Boolean('--all', false, { description: 'Include every plugin, presence entry and recent session' });
  deep = Option.Boolean('--deep', false, { description: 'Ask for a probing health check' });

  async run(): Promise<number> {
    const local = this.localProfile();
    const target = this.target(local);
    const check = local.snapshot?.exists ? await checkConfig(local.config, local.paths.configPath) : undefined;
    const service = describeService(local.paths, process.env);
    const report: Record<string, any> = {
      cli: { version: packageVersion() },
      profile: local.paths.profile ?? 'default',
      stateDir: local.paths.stateDir,
      configPath: local.paths.configPath,
      configExists: local.snapshot?.exists ?? fs.existsSync(local.paths.configPath),
      // Config errors, then what would stop a start with these settings (bad port, bind, TLS, auth).
      configErrors: [
        ...new Set([
          ...(local.readError
            ? [local.readError]
            : (check?.issues ?? []).filter((i) => i.severity === 'error').map(describeIssue)),
          ...local.problems,
        ]),
      ],
      configWarnings: (check?.issues ?? []).filter((i) => i.severity === 'warning').map(describeIssue),
      port: local.port,
      bind: local.bind,
      authMode: local.authMode,
      url: target.url,
      service: { kind: service.kind, name: service.name, installed: service.installed, file: service.file },
      gateway: { reachable: false },
    };
    let exit: number = ExitCode.ok;
    let client: GatewayClient | undefined;
    try {
      client = await this.connect(target);
      const timeoutMs = this.timeoutMs();
      const status = await client.request('status', {}, { timeoutMs });
      report.gateway = { reachable: true, ...status };
      // health carries the session count; --deep asks the channels to probe as well.
      report.gateway.health = await client.request('health', this.deep ? { probe: true } : {}, { timeoutMs });
      if (this.all) report.gateway.presence = await client.request('system-presence', {}, { timeoutMs });
      const methods: string[] = client.hello?.features?.methods ?? [];
      if (this.all && methods.includes('sessions.list')) {
        report.gateway.sessions = await client
          .request('sessions.list', { limit: 50 }, { timeoutMs })
          .catch((err) => ({ error: (err as Error).message }));
      }
    } catch (err) {
      const d = describeError(err, (args) => this.hint(args));
      report.gateway = { reachable: false, error: { code: d.code, message: d.message } };
      exit = d.exitCode;
    } finally {
      client?.close();
    }
    this.emit(report, () => this.render(report));
    return exit;
  }

  private render(r: Record<string, any>): void {
    const s = this.style;
    const g = r.gateway;
    this.out(s.bold(`Moltbot ${r.cli.version} — profile ${r.profile}`));
    this.out(`config    ${r.configPath}${r.configExists ? '' : s.yellow(` (missing: run "${this.hint('setup')}")`)}`);
    for (const e of r.configErrors) this.out(`          ${s.red('error')} ${e}`);
    for (const w of r.configWarnings) this.out(`          ${s.yellow('warning')} ${w}`);
    this.out(`state     ${r.stateDir}`);
    const service = r.service.installed
      ? `${r.service.name} installed (${r.service.file})`
      : s.dim(`not installed (${this.hint('gateway install')})`);
    this.out(`service   ${service}`);
    if (!g.reachable) {
      this.out(`gateway   ${s.red('not running')} at ${r.url} (port ${r.port}, bind ${r.bind}, auth ${r.authMode})`);
      this.out(`          ${g.error?.message ?? ''}`);
      return;
    }
    this.out(
      `gateway   ${s.green('running')} ${g.version} at ${r.url} (pid ${g.pid}, up ${formatDuration(g.uptimeMs)})`,
    );
    this.out(
      `listen    ${g.bind}:${g.port}   auth ${g.auth?.mode} (from ${g.auth?.source})   clients ${g.connections}`,
    );
    const channels = Object.entries((g.channels ?? {}) as Record<string, { linked: boolean }>);
    const channelText = ([id, c]: (typeof channels)[number]) =>
      `${id} ${c.linked ? s.green('linked') : s.yellow('not linked')}`;
    this.out(`channels  ${channels.length ? channels.map(channelText).join(', ') : s.dim('none')}`);
    const plugins = (g.plugins ?? []) as Array<{
      id: string;
      version: string;
      state: string;
      enabled: boolean;
      lastError?: string;
    }>;
    const shown = this.all ? plugins : plugins.filter((p) => p.enabled || p.state === 'failed');
    const stateText = (state: string) =>
      state === 'active' ? s.green(state) : state === 'failed' ? s.red(state) : state;
    const pluginText = (p: (typeof shown)[number]) =>
      `${p.id} ${stateText(p.state)}${p.lastError ? ` (${p.lastError})` : ''}`;
    this.out(`plugins   ${shown.length ? shown.map(pluginText).join(', ') : s.dim('none enabled')}`);
    this.out(`sessions  ${g.health?.sessions?.count ?? 0}   agent queue ${g.agentQueueDepth ?? 0}`);
    if (g.outbound) {
      const line = `outbound  ${g.outbound.pending} pending   ${g.outbound.deadLetters} dead-lettered`;
      this.out(
        g.outbound.deadLetters > 0 ? s.yellow(`${line} (${this.hint('channels status --json')} shows them)`) : line,
      );
    }
    if (this.all && Array.isArray(g.sessions?.sessions))
      for (const x of g.sessions.sessions)
        this.out(`          ${x.key}${x.updatedAt ? ` ${new Date(x.updatedAt).toISOString().slice(0, 19)}Z` : ''}`);
    if (g.configError)
      this.out(`config    ${s.red('last edit rejected')}: ${g.configError.message ?? JSON.stringify(g.configError)}`);
    if (g.health) this.out(`health    ${g.health.ok ? s.green('ok') : s.red(`NOT ok (${this.hint('health')})`)}`);
    if (this.all && Array.isArray(g.presence))
      for (const p of g.presence) this.out(`presence  ${p.mode ?? ''} ${p.host ?? ''} ${p.text ?? ''}`.trimEnd());
  }
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '?';
  const sec = Math.floor(ms / 1000);
  if (sec < 60) return `${sec}s`;
  const min = Math.floor(sec / 60);
  if (min < 60) return `${min}m${sec % 60}s`;
  const h = Math.floor(min / 60);
  return h < 48 ? `${h}h${min % 60}m` : `${Math.floor(h / 24)}d${h % 24}h`;
}
