import os from 'node:os';
import { Command, Option } from 'clipanion';
import { findChromiumOnPath, isExecutableFile } from '../../sdk/chromium-executable.js';
import { MoltbotCommand } from '../cli/base-command.js';
import { CliError } from '../cli/cli-error.js';
import { parseDuration } from '../cli/duration-option.js';
import { packageVersion } from '../package-version.js';

export class NodeRunCommand extends MoltbotCommand {
  static override paths = [['node', 'run']];
  static override usage = Command.Usage({
    category: 'Nodes and devices',
    description: 'Run this machine as a headless node of a gateway (system.info, system.run, canvas.*, …).',
    details: `
      Connects to the gateway with role node, keeps a device key in <stateDir>/node/ (mode 0600),
      pairs, and stays connected (reconnecting with backoff). With --token (the gateway's shared
      token) the node is approved on the spot; without it, it waits until an operator approves it
      (moltbot nodes approve <requestId>, printed here) and stores the device token the gateway
      then issues. system.run is off unless --allow-run, and then runs only programs an --allow
      pattern names (no shell): 'uname' (any arguments), 'git status*', '/usr/bin/*'.
      canvas.present|navigate|eval|snapshot|hide are offered when the gateway's hello-ok names a
      canvas host and a Chromium is found (--chromium, else chromium/google-chrome on PATH): a
      headless page shows the canvas; it opens only the canvas host's pages unless
      --canvas-allow-origin lists more. --no-canvas turns it off.
    `,
    examples: [
      ['Pair with a gateway on this machine (an operator approves)', 'moltbot node run --url ws://127.0.0.1:18789'],
      [
        'Offer a few commands to the agent',
        "moltbot node run --url ws://10.0.0.2:18789 --name build-box --allow-run --allow uname --allow 'git status*'",
      ],
    ],
  });

  url = Option.String('--url', { required: true, description: 'Gateway WebSocket URL (ws:// or wss://)' });
  token = Option.String('--token', {
    description: "The gateway's shared token: approved at once instead of waiting for an operator",
  });
  name = Option.String('--name', { description: 'Display name (default: the hostname)' });
  allowRun = Option.Boolean('--allow-run', false, { description: 'Offer system.run (only what --allow permits)' });
  allow = Option.Array('--allow', [], { description: 'A program pattern system.run may run (repeatable)' });
  runTimeout = Option.String('--run-timeout', { description: 'Longest system.run: ms or 30s/5m (default 5m)' });
  reconnectMax = Option.String('--reconnect-max', {
    description: 'Longest wait between reconnects: ms or 10s/1m (default 30s)',
  });
  pairingPoll = Option.String('--pairing-poll', {
    description: 'How often to ask again while waiting for approval (default 2s)',
  });
  canvas = Option.Boolean('--canvas', true, {
    description: 'Offer canvas.* when the gateway has a canvas host (--no-canvas: never)',
  });
  chromium = Option.String('--chromium', { description: 'Chromium for the canvas (default: chromium on PATH)' });
  canvasAllowOrigin = Option.Array('--canvas-allow-origin', [], {
    description: "Another origin canvas pages may open, e.g. https://example.com ('*': any; repeatable)",
  });

  async run(): Promise<number> {
    if (!/^wss?:\/\/[^\s/]+/.test(this.url))
      throw new CliError('GW_ERR_CLI_INVALID_VALUE', `--url "${this.url}" is not a WebSocket URL: use ws://host:port`);
    if (this.allow.length && !this.allowRun)
      throw new CliError('GW_ERR_CLI_USAGE', '--allow needs --allow-run (system.run is off without it)');
    if (this.allowRun && !this.allow.length)
      throw new CliError(
        'GW_ERR_CLI_USAGE',
        "--allow-run needs at least one --allow pattern naming what may run, e.g. --allow uname --allow 'git status*'",
      );
    const [{ NodeRunner }, { NodeState }, { parseRunPattern }, { NodeCanvas }, { normalizeOrigin }] = await Promise.all(
      [
        import('../node-host/node-runner.js'),
        import('../node-host/node-state.js'),
        import('../node-host/run-allowlist.js'),
        import('../node-host/node-canvas.js'),
        import('../node-host/canvas-params.js'),
      ],
    );
    let patterns: ReturnType<typeof parseRunPattern>[];
    try {
      patterns = this.allow.map(parseRunPattern);
    } catch (err) {
      throw new CliError('GW_ERR_CLI_INVALID_VALUE', `--allow: ${(err as Error).message}`);
    }
    let allowOrigins: string[];
    try {
      allowOrigins = this.canvasAllowOrigin.map(normalizeOrigin);
    } catch (err) {
      throw new CliError('GW_ERR_CLI_INVALID_VALUE', `--canvas-allow-origin: ${(err as Error).message}`);
    }
    if (this.chromium && !isExecutableFile(this.chromium))
      throw new CliError('GW_ERR_CLI_INVALID_VALUE', `--chromium ${this.chromium} is not an executable file`);
    const chromiumPath = this.canvas ? (this.chromium ?? findChromiumOnPath()) : undefined;
    if (this.canvas && !chromiumPath)
      this.out('canvas.* off: no Chromium on PATH (apt-get install chromium, or --chromium <path>)');
    const canvas = chromiumPath
      ? new NodeCanvas({ chromiumPath, allowOrigins, say: (line) => this.out(line) })
      : undefined;
    const maxRunMs = this.runTimeout ? parseDuration(this.runTimeout, '--run-timeout') : 5 * 60_000;
    const runner = new NodeRunner({
      url: this.url.replace(/\/+$/, ''),
      sharedToken: this.token ?? process.env.CLAWDBOT_GATEWAY_TOKEN,
      password: process.env.CLAWDBOT_GATEWAY_PASSWORD,
      displayName: this.name ?? os.hostname(),
      version: packageVersion(),
      state: new NodeState(this.gatewayPaths().stateDir),
      run: { enabled: this.allowRun, patterns, defaultTimeoutMs: Math.min(30_000, maxRunMs), maxTimeoutMs: maxRunMs },
      say: (line) => this.out(line),
      backoff: {
        baseMs: 500,
        maxMs: this.reconnectMax ? parseDuration(this.reconnectMax, '--reconnect-max') : 30_000,
      },
      pairingPollMs: this.pairingPoll ? parseDuration(this.pairingPoll, '--pairing-poll') : 2000,
      canvas,
    });
    const stop = () => runner.stop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await runner.run();
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await runner.dispose();
    }
    this.out('node stopped');
    return 0;
  }
}
