import { Command } from 'clipanion';
import { CliError } from '../cli/cli-error.js';
import { GatewayCommand } from '../cli/gateway-command.js';
import { withProgress } from '../cli/progress.js';
import { actionCommands, installedSpec, runPlanned } from '../service/service-manager.js';

export class GatewayRestartCommand extends GatewayCommand {
  static override paths = [['gateway', 'restart']];
  static override usage = Command.Usage({
    category: 'Service',
    description: 'Restart the gateway: through its service when one is installed, else in-process (gateway.restart).',
    details: `
      With an installed service this runs systemctl --user restart (launchctl kickstart -k on
      macOS). Without one, a gateway running in the foreground is asked to restart itself in
      place (the gateway.restart method: drain, close clients with 1012, reload, same pid); the
      command waits until it answers again (up to --timeout, default 30s).
    `,
    examples: [
      ['Restart', 'moltbot gateway restart'],
      ['Restart a foreground dev gateway, JSON result', 'moltbot --dev gateway restart --json'],
    ],
  });

  async run(): Promise<void> {
    const spec = installedSpec(this.gatewayPaths(), process.env);
    if (spec) {
      await withProgress(
        this.context.stderr as NodeJS.WritableStream & { isTTY?: boolean },
        `Restarting ${spec.name}…`,
        async () => runPlanned(actionCommands(spec, 'restart'), process.env),
      );
      this.emit({ ok: true, via: 'service', name: spec.name }, () => this.out(`restarted ${spec.name}`));
      return;
    }
    const target = this.target();
    const timeoutMs = this.timeoutMs(30_000);
    const client = await this.connect(target).catch((err) => {
      if ((err as { kind?: string }).kind === 'unreachable') {
        throw new CliError(
          'GW_ERR_CLI_NOT_RUNNING',
          `no gateway service is installed and no gateway answers at ${target.url}: start one with ` +
            `"${this.hint('gateway')}" ` +
            `or "${this.hint('gateway install')}"`,
          { cause: err },
        );
      }
      throw err;
    });
    const before = await client.request<{ pid: number }>('status', {}, { timeoutMs });
    const closed = client.waitForClose(timeoutMs).catch(() => client.close());
    // The gateway may close the socket (1012) right after answering; a close before the answer still means it restarts.
    const answer = await client
      .request<{ pid: number; restartExpectedMs?: number }>(
        'gateway.restart',
        { reason: 'moltbot gateway restart' },
        { timeoutMs },
      )
      .catch((err) => {
        if ((err as { kind?: string }).kind === 'closed') return { pid: before.pid, restartExpectedMs: undefined };
        throw err;
      });
    await closed;
    const after = await withProgress(
      this.context.stderr as NodeJS.WritableStream & { isTTY?: boolean },
      'Waiting for the gateway to come back…',
      () => this.waitUntilBack(target, timeoutMs),
    );
    const result = {
      ok: true,
      via: 'in-process',
      pidBefore: before.pid,
      pid: after.pid,
      restartExpectedMs: answer.restartExpectedMs,
    };
    this.emit(result, () =>
      this.out(
        `restarted the gateway in-process (pid ${after.pid}${after.pid === before.pid ? ', same process' : ''})`,
      ),
    );
  }

  /** Reconnect until hello-ok or the deadline (bounded: one attempt per 250 ms). */
  private async waitUntilBack(
    target: ReturnType<GatewayCommand['target']>,
    timeoutMs: number,
  ): Promise<{ pid: number }> {
    const deadline = Date.now() + timeoutMs;
    const { GatewayClient } = await import('../../sdk/client/gateway-client.js');
    let last: unknown;
    while (Date.now() < deadline) {
      try {
        const c = await GatewayClient.connect({
          url: target.url,
          token: target.token,
          password: target.password,
          clientId: 'cli',
          clientMode: 'cli',
          timeoutMs: Math.min(5000, Math.max(500, deadline - Date.now())),
        });
        try {
          return await c.request<{ pid: number }>('status', {}, { timeoutMs: 5000 });
        } finally {
          c.close();
        }
      } catch (err) {
        last = err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    throw new CliError(
      'GW_ERR_CLI_TIMEOUT',
      `the gateway did not come back within ${timeoutMs} ms after the restart ` +
        `(${(last as Error)?.message ?? 'no answer'}): see "${this.hint('logs')}"`,
    );
  }
}
