import { Command, Option, UsageError } from 'clipanion';
import * as t from 'typanion';
import { GatewayError } from '../../kernel/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import { packageVersion } from '../package-version.js';
import { ProfileCommand } from '../profile-options.js';

export class GatewayRunCommand extends ProfileCommand {
  static override paths = [['gateway'], ['gateway', 'run']];
  static override usage = Command.Usage({
    category: 'Gateway',
    description: 'Run the gateway in the foreground.',
    details: `
      Starts the gateway on 127.0.0.1:18789 (dev profile: 19001). Auth is always on: with no
      token configured, one is generated and stored in the config (mode 0600).

      Port precedence: --port > CLAWDBOT_GATEWAY_PORT > gateway.port > the profile default.
      SIGTERM/SIGINT stop it gracefully; SIGUSR1 restarts it in-process (same pid).
    `,
    examples: [
      ['Run with the default profile', 'moltbot gateway'],
      ['Run on another port, logging handshakes and frames', 'moltbot gateway --port 18800 --verbose'],
      ['First run without a config file', 'moltbot gateway --allow-unconfigured'],
      ['Take the port from a stray process', 'moltbot gateway --force'],
    ],
  });

  port = Option.String('--port', {
    description: 'Port to listen on',
    validator: t.cascade(t.isNumber(), [t.isInteger(), t.isInInclusiveRange(1, 65535)]),
  });
  bind = Option.String('--bind', { description: 'loopback (default), lan, tailnet, auto or an IP address' });
  token = Option.String('--token', { description: 'Gateway token clients must present' });
  verbose = Option.Boolean('--verbose', false, {
    description: 'Mirror debug events (handshakes, req/res, events) to the console',
  });
  force = Option.Boolean('--force', false, {
    description: 'Stop a process already listening on the port (SIGTERM, then SIGKILL)',
  });
  allowUnconfigured = Option.Boolean('--allow-unconfigured', false, {
    description: 'Start without a config file, creating state dirs as needed',
  });

  async execute(): Promise<number> {
    const paths = this.gatewayPaths();
    const version = packageVersion();
    // Loaded here, not at the top: every other command would otherwise pay for Fastify & co. at startup.
    const [{ Gateway }, { createGatewayLogger }, { BUILTIN_PLUGINS }] = await Promise.all([
      import('../../kernel/gateway.js'),
      import('../../kernel/logging/logger.js'),
      import('../../plugins/catalog.js'),
    ]);
    const log = createGatewayLogger({ file: paths.logFile, verbose: this.verbose });
    const gateway = new Gateway({
      paths,
      flags: {
        port: this.port,
        bind: this.bind,
        token: this.token,
        verbose: this.verbose,
        force: this.force,
        allowUnconfigured: this.allowUnconfigured,
      },
      env: process.env,
      version,
      builtins: BUILTIN_PLUGINS,
      logger: log.logger,
      announce: (line) => this.context.stdout.write(`${line}\n`),
    });
    process.on('unhandledRejection', (reason) =>
      log.logger.error({ err: reason }, 'unhandled rejection (kept running)'),
    );
    process.on('uncaughtException', (err) => log.logger.error({ err }, 'uncaught exception (kept running)'));
    try {
      await gateway.start();
    } catch (err) {
      const message =
        err instanceof GatewayError ? err.message : `failed to start: ${(err as Error).stack ?? String(err)}`;
      log.logger.fatal({ code: (err as GatewayError).code }, message);
      await log.settle();
      this.context.stderr.write(`moltbot gateway: ${message}\n`);
      await gateway.stop('start failed').catch(() => undefined);
      const code = startFailureExitCode(err);
      // launchd cannot be told "do not relaunch after exit 3": a successful exit is how.
      if (code !== ExitCode.failure && process.env.CLAWDBOT_SERVICE_MANAGER === 'launchd') {
        this.context.stderr.write(
          'moltbot gateway: permanent failure under launchd: exiting 0 so it is not relaunched\n',
        );
        return ExitCode.ok;
      }
      return code;
    }
    return await new Promise<number>((resolve) => {
      const stop = (signal: string) => {
        gateway
          .stop(`received ${signal}`)
          .then(() => resolve(0))
          .catch((err) => {
            log.logger.error({ err }, 'stop failed');
            resolve(1);
          })
          .finally(() => log.close());
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
      process.on('SIGUSR1', () => {
        gateway.restart('SIGUSR1').catch((err) => {
          log.logger.fatal({ err }, 'in-process restart failed');
          resolve(1);
        });
      });
    });
  }
}

/**
 * Permanent start failures get their own exit codes, which the generated service units list in
 * RestartPreventExitStatus (systemd) so the service manager does not relaunch a gateway that
 * cannot start: 3 the port is taken, 2 the config is invalid (docs/operations.md). Anything
 * else (1) may be transient and is retried.
 */
export function startFailureExitCode(err: unknown): number {
  const code = err instanceof GatewayError ? err.code : undefined;
  if (code === 'GW_ERR_PORT_IN_USE') return ExitCode.portInUse;
  if (code && PERMANENT_CONFIG_ERRORS.has(code)) return ExitCode.usage;
  return ExitCode.failure;
}

const PERMANENT_CONFIG_ERRORS = new Set(['GW_ERR_CONFIG_INVALID', 'GW_ERR_CONFIG_PARSE', 'GW_ERR_BIND_INSECURE']);

export { UsageError };
