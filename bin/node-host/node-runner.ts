import { backoff } from '../../sdk/backoff.js';
import { type EventFrame, GatewayClient, GatewayConnectError } from '../../sdk/client/gateway-client.js';
import { type DeviceIdentity, signConnect } from '../cli/device-identity.js';
import { CANVAS_COMMANDS, type CanvasCommand } from './canvas-params.js';
import type { NodeCanvas } from './node-canvas.js';
import { NodeCommandError } from './node-command-error.js';
import type { NodeState } from './node-state.js';
import { systemInfo } from './system-info.js';
import { findOnPath, type SystemRunOptions, systemRun } from './system-run.js';

export interface NodeRunnerOptions {
  url: string;
  /** The gateway's shared token (`--token`): used until the gateway issues this node a device token. */
  sharedToken?: string;
  password?: string;
  displayName: string;
  version: string;
  state: NodeState;
  run: SystemRunOptions;
  /** One line for the person watching (stdout). */
  say(line: string): void;
  /** Reconnect delays: first `baseMs`, doubling to `maxMs` (with jitter). */
  backoff?: { baseMs: number; maxMs: number };
  /** How often a node waiting for approval asks again (default 2 s). */
  pairingPollMs?: number;
  /** The canvas (a headless Chromium page); undefined: no canvas.* (--no-canvas, or no Chromium). */
  canvas?: NodeCanvas;
}

interface InvokeRequest {
  id: string;
  nodeId: string;
  command: string;
  paramsJSON?: string;
  timeoutMs?: number;
}

/** Room left in a frame for the envelope around a result. */
const FRAME_MARGIN = 8 * 1024;

/**
 * The headless node (`moltbot node run`): keeps a device key, pairs with the gateway, stays
 * connected (reconnecting with backoff), and answers `node.invoke.request` for the commands it
 * offers. Pairing: with no device token it connects with the shared token when it has one (and
 * is approved on the spot) or with no credential (and waits, asking again every few seconds,
 * until an operator approves it; the approval's token arrives in hello-ok and is stored).
 */
export class NodeRunner {
  private readonly identity: DeviceIdentity;
  private readonly stopped = new AbortController();
  private client?: GatewayClient;
  private failures = 0;
  private lastPairingRequest?: string;
  /**
   * Whether the gateway has a canvas host for us: learnt from hello-ok.canvasHostUrl, so the
   * first connect of a run declares no canvas.* and, when hello-ok names a canvas host,
   * reconnects at once declaring them (commands are fixed per connect).
   */
  private canvasHost = false;

  constructor(private readonly o: NodeRunnerOptions) {
    this.identity = o.state.identity();
  }

  get nodeId(): string {
    return this.identity.deviceId;
  }

  get commands(): string[] {
    return [
      'system.info',
      'system.which',
      ...(this.o.run.enabled ? ['system.run'] : []),
      ...(this.offersCanvas ? CANVAS_COMMANDS : []),
    ];
  }

  private get offersCanvas(): boolean {
    return this.o.canvas !== undefined && this.canvasHost;
  }

  /** Run until `stop()`. */
  async run(): Promise<void> {
    this.o.say(`node ${this.nodeId} (${this.o.displayName}); device key ${this.o.state.identityFile}`);
    while (!this.stopped.signal.aborted) {
      const wait = await this.session();
      if (this.stopped.signal.aborted) break;
      await sleep(wait, this.stopped.signal);
    }
  }

  stop(): void {
    this.stopped.abort();
    this.client?.close();
  }

  /** Let go of what the run holds besides the socket (Chromium). */
  async dispose(): Promise<void> {
    await this.o.canvas?.close();
  }

  /** One connection: connect, serve until it closes; returns how long to wait before the next. */
  private async session(): Promise<number> {
    const stored = this.o.state.token(this.o.url);
    let client: GatewayClient;
    try {
      client = await GatewayClient.connect({
        url: this.o.url,
        token: stored?.token ?? this.o.sharedToken,
        password: stored ? undefined : this.o.password,
        role: 'node',
        clientId: 'node-host',
        clientMode: 'node',
        version: this.o.version,
        displayName: this.o.displayName,
        signDevice: (f) => signConnect(this.identity, f),
        extra: {
          caps: this.offersCanvas ? ['system', 'canvas'] : ['system'],
          commands: this.commands,
          permissions: { 'system.run': this.o.run.enabled },
        },
      });
    } catch (err) {
      return this.connectFailed(err, stored !== undefined);
    }
    this.client = client;
    this.failures = 0;
    this.lastPairingRequest = undefined;
    const auth = client.hello?.auth;
    if (auth?.deviceToken) {
      this.o.state.saveToken(this.o.url, {
        token: auth.deviceToken,
        role: auth.role,
        scopes: auth.scopes ?? [],
        issuedAtMs: auth.issuedAtMs,
      });
      this.o.say(`paired: device token stored in ${this.o.state.tokenFile}`);
    }
    if (this.o.canvas) {
      const hostUrl = client.hello?.canvasHostUrl as string | undefined;
      this.o.canvas.setHost(hostUrl);
      if (Boolean(hostUrl) !== this.canvasHost) {
        this.canvasHost = Boolean(hostUrl);
        this.o.say(
          hostUrl
            ? `the gateway has a canvas host (${hostUrl}): reconnecting to offer canvas.*`
            : 'the gateway has no canvas host for this node any more: reconnecting without canvas.*',
        );
        client.close();
        this.client = undefined;
        return 0;
      }
    }
    this.o.say(`connected to ${this.o.url} as node ${this.nodeId} (commands: ${this.commands.join(', ')})`);
    const off = client.onEvent((e) => this.onEvent(client, e));
    if (this.stopped.signal.aborted) client.close();
    const code = await new Promise<number>((resolve) => {
      if (client.closeCode !== undefined) return resolve(client.closeCode);
      client.waitForClose(2 ** 31 - 1).then(resolve, () => resolve(1006));
    });
    off();
    this.client = undefined;
    if (this.stopped.signal.aborted) return 0;
    // Revoked or removed: the next connect finds out what the gateway wants (pairing again).
    const immediate = code === 1008 || code === 1012;
    const delay = immediate ? 250 : this.nextDelay();
    this.o.say(`disconnected (${code} ${client.closeReason ?? ''}); reconnecting in ${(delay / 1000).toFixed(1)} s`);
    return delay;
  }

  private connectFailed(err: unknown, usedStoredToken: boolean): number {
    const e = err as GatewayConnectError;
    const code = e instanceof GatewayConnectError ? e.error?.code : undefined;
    if (code === 'NOT_PAIRED') {
      const requestId = e.error?.details?.requestId as string | undefined;
      if (requestId && requestId !== this.lastPairingRequest) {
        this.lastPairingRequest = requestId;
        this.o.say(`pairing required: approve this node on the gateway with`);
        this.o.say(`  moltbot nodes approve ${requestId}`);
        this.o.say('waiting for approval…');
      } else if (!requestId) {
        this.o.say(`pairing required: ${e.error?.message ?? ''}`);
      }
      return this.o.pairingPollMs ?? 2000;
    }
    if (code === 'UNAUTHORIZED' && usedStoredToken) {
      // Our token was revoked (or the gateway forgot us): drop it and ask again.
      this.o.state.forgetToken(this.o.url);
      this.o.say('the gateway refused this node’s device token; pairing again');
      return 250;
    }
    const delay = this.nextDelay();
    const why = e instanceof Error ? e.message : String(err);
    this.o.say(`cannot connect: ${why}; retrying in ${(delay / 1000).toFixed(1)} s`);
    return delay;
  }

  /** The SDK's backoff (exponential, jitter over the upper half, capped). */
  private nextDelay(): number {
    this.failures++;
    return backoff(this.failures, this.o.backoff ?? { baseMs: 500, maxMs: 30_000 });
  }

  private onEvent(client: GatewayClient, e: EventFrame): void {
    if (e.event !== 'node.invoke.request') return;
    const req = e.payload as InvokeRequest;
    if (typeof req?.id !== 'string') return;
    void this.answer(client, req);
  }

  private async answer(client: GatewayClient, req: InvokeRequest): Promise<void> {
    const started = Date.now();
    let result: Record<string, unknown>;
    try {
      const params = req.paramsJSON === undefined ? undefined : JSON.parse(req.paramsJSON);
      const payload = await this.execute(client, req.command, params, req.timeoutMs);
      result = { ok: true, payloadJSON: this.fit(client, payload) };
    } catch (err) {
      const code =
        err instanceof NodeCommandError ? err.code : err instanceof SyntaxError ? 'INVALID_REQUEST' : 'UNAVAILABLE';
      result = { ok: false, error: { code, message: (err as Error).message.slice(0, 2000) } };
    }
    this.o.say(`invoke ${req.command} (${req.id}) ${result.ok ? 'ok' : 'failed'} in ${Date.now() - started} ms`);
    try {
      await client.request('node.invoke.result', { id: req.id, nodeId: req.nodeId, ...result }, { timeoutMs: 10_000 });
    } catch (err) {
      this.o.say(`could not deliver the result of ${req.id}: ${(err as Error).message}`);
    }
  }

  private async execute(
    client: GatewayClient,
    command: string,
    params: unknown,
    timeoutMs: number | undefined,
  ): Promise<unknown> {
    if ((CANVAS_COMMANDS as readonly string[]).includes(command) && this.o.canvas && this.offersCanvas) {
      // base64 is 4/3 of the image; leave room for the rest of the answer.
      const imageBudgetBytes = Math.floor(((this.frameLimit(client) - 1024) * 3) / 4);
      return this.o.canvas.execute(command as CanvasCommand, params, {
        timeoutMs: timeoutMs ?? 30_000,
        imageBudgetBytes,
      });
    }
    switch (command) {
      case 'system.info':
        return systemInfo();
      case 'system.which': {
        const bins = (params as { bins?: unknown })?.bins;
        if (!Array.isArray(bins) || bins.some((b) => typeof b !== 'string'))
          throw new NodeCommandError('INVALID_REQUEST', 'system.which needs bins: an array of program names');
        return { bins: Object.fromEntries((bins as string[]).map((b) => [b, findOnPath(b) ?? null])) };
      }
      case 'system.run':
        return systemRun(params, {
          ...this.o.run,
          // Never outlive the gateway's wait for the answer.
          maxTimeoutMs: Math.min(this.o.run.maxTimeoutMs, timeoutMs ?? this.o.run.maxTimeoutMs),
        });
      default:
        throw new NodeCommandError('NOT_FOUND', `this node does not offer ${command}`);
    }
  }

  /** Bytes a result may take: one frame (hello-ok.policy.maxPayload) less the envelope. */
  private frameLimit(client: GatewayClient): number {
    return (client.hello?.policy?.maxPayload ?? 524_288) - FRAME_MARGIN;
  }

  /**
   * The result as JSON that fits in one frame (hello-ok.policy.maxPayload): a system.run output
   * too big for it is cut further (and marked truncated) rather than losing the whole answer.
   */
  private fit(client: GatewayClient, payload: unknown): string {
    const limit = this.frameLimit(client);
    let json = JSON.stringify(payload ?? null);
    const run = payload as { stdout?: string; stderr?: string; truncated?: boolean } | null;
    while (Buffer.byteLength(json) > limit && run && (run.stdout || run.stderr)) {
      // Each pass halves the longer stream; escaping can make JSON several times the raw bytes.
      if ((run.stdout?.length ?? 0) >= (run.stderr?.length ?? 0))
        run.stdout = run.stdout!.slice(0, run.stdout!.length >> 1);
      else run.stderr = run.stderr!.slice(0, run.stderr!.length >> 1);
      run.truncated = true;
      json = JSON.stringify(payload);
    }
    if (Buffer.byteLength(json) > limit)
      throw new NodeCommandError('UNAVAILABLE', `the result is larger than the gateway's ${limit}-byte frame limit`);
    return json;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
