import crypto from 'node:crypto';
import { Command, Option } from 'clipanion';
import JSON5 from 'json5';
import { CliError } from '../cli/cli-error.js';
import { parseDuration } from '../cli/duration-option.js';
import { GatewayCommand } from '../cli/gateway-command.js';
import { findNode } from '../cli/node-ref.js';

export class NodesInvokeCommand extends GatewayCommand {
  static override paths = [['nodes', 'invoke']];
  static override usage = Command.Usage({
    category: 'Nodes and devices',
    description: 'Run a command on a node and print its result (`node.invoke`).',
    examples: [
      ['Machine facts', 'moltbot nodes invoke build-box system.info'],
      ['Run a program', 'moltbot nodes invoke build-box system.run --params \'{command: ["uname", "-a"]}\''],
    ],
  });

  node = Option.String({ name: 'node' });
  command = Option.String({ name: 'command' });
  params = Option.String('--params', { description: 'The command params as JSON5' });
  invokeTimeout = Option.String('--invoke-timeout', {
    description: 'How long the gateway waits for the node: ms or 30s/2m (default: the gateway default, 30s)',
  });
  idempotencyKey = Option.String('--idempotency-key', { description: 'Repeat-safe key (default: a new one)' });

  async run(): Promise<number> {
    let params: unknown;
    if (this.params !== undefined) {
      try {
        params = JSON5.parse(this.params);
      } catch (err) {
        throw new CliError('GW_ERR_CLI_INVALID_VALUE', `--params is not JSON5: ${(err as Error).message}`);
      }
    }
    const timeoutMs = this.invokeTimeout ? parseDuration(this.invokeTimeout, '--invoke-timeout') : undefined;
    const client = await this.connect();
    try {
      const { nodeId } = await findNode(client, this.node, this.timeoutMs());
      const result = await client.request(
        'node.invoke',
        {
          nodeId,
          command: this.command,
          ...(params === undefined ? {} : { params }),
          ...(timeoutMs ? { timeoutMs } : {}),
          idempotencyKey: this.idempotencyKey ?? crypto.randomUUID(),
        },
        // Our own wait: the gateway's, plus room for the answer to travel.
        { timeoutMs: (timeoutMs ?? 30_000) + this.timeoutMs() },
      );
      this.emit(result, () => this.printPayload(result.payload));
      const run = result.payload as { exitCode?: unknown } | undefined;
      return typeof run?.exitCode === 'number' && run.exitCode !== 0 ? 1 : 0;
    } finally {
      client.close();
    }
  }

  /** system.run output as the program wrote it; anything else as JSON. */
  private printPayload(payload: any): void {
    if (this.command === 'system.run' && payload && typeof payload.stdout === 'string') {
      if (payload.stdout) this.context.stdout.write(payload.stdout);
      if (payload.stderr) this.context.stderr.write(payload.stderr);
      if (payload.truncated) this.err('(output truncated)');
      if (payload.timedOut) this.err('(killed at its timeout)');
      return;
    }
    this.printJson(payload);
  }
}
