/**
 * How the bench starts and talks to the real gateway. Everything gateway-specific lives here:
 * the command line, the environment, the connect params and the broadcast method.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../lib/ports.js';
import { spawnServer } from '../lib/server-process.js';
import type { Target } from '../lib/types.js';
import { benchToken, operatorConnectParams } from './bench-token.js';

/** The project root: the nearest folder above this file whose package.json is ours, else cwd. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'moltbot-gateway') return dir;
      } catch {
        // unreadable: keep looking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** The repository root, for plugins the bench loads by path (`plugins.entries.<id>.from`). */
export const PROJECT_ROOT = projectRoot();

/**
 * The repository's example plugin `hello` (built by `npm run build`): route GET /hello, `hello.greet`,
 * `hello.count`.
 */
export const HELLO_PLUGIN_DIR = path.join(PROJECT_ROOT, 'examples', '01-hello-route');

/**
 * What users run: the bundled build (`npm start`, the installed `moltbot`), else the unbundled
 * one (a copy without dist/bundle/). `BENCH_GATEWAY_BIN` overrides it.
 */
function gatewayBin(): string {
  if (process.env.BENCH_GATEWAY_BIN) return process.env.BENCH_GATEWAY_BIN;
  const bundled = path.join(PROJECT_ROOT, 'dist', 'bundle', 'moltbot.js');
  return existsSync(bundled) ? bundled : path.join(PROJECT_ROOT, 'dist', 'bin', 'moltbot.js');
}

export const gatewayTarget: Target = {
  kind: 'gateway',
  unavailable() {
    const bin = gatewayBin();
    if (existsSync(bin)) return undefined;
    return `not built (${path.relative(process.cwd(), bin) || bin} missing; run \`npm run build\`)`;
  },
  async start(options) {
    const port = await freePort();
    const token = benchToken();
    const config = options?.config;
    return spawnServer({
      script: gatewayBin(),
      // For profiling: BENCH_GATEWAY_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
      // (Node refuses these in NODE_OPTIONS).
      nodeArgs: process.env.BENCH_GATEWAY_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [],
      args: ['gateway', '--port', String(port), '--allow-unconfigured'],
      port,
      token,
      dropEnv: /^(CLAWDBOT_|MOLTBOT_)/,
      // The token stays in the environment, so the config file holds no secret of ours.
      prepare: (dir) => {
        if (config) writeFileSync(path.join(dir, 'moltbot.json'), JSON.stringify(config, null, 2), { mode: 0o600 });
      },
      // A throwaway state dir and home per start: only the workload's config, no plugins state.
      env: (dir) => ({
        HOME: dir,
        CLAWDBOT_STATE_DIR: dir,
        CLAWDBOT_CONFIG_PATH: path.join(dir, 'moltbot.json'),
        CLAWDBOT_GATEWAY_TOKEN: token,
      }),
      stopTimeoutMs: 5000,
    });
  },
  connectParams: operatorConnectParams,
  statusMethod: 'status',
  // A plugin event, the path every channel/agent event takes (ctx.events.emit → all clients).
  // Not `system-event`: its `presence` broadcast is throttled to one per second by design
  // (kernel/bus/presence-announcer.ts), so it would measure the throttle, not the fan-out.
  broadcast: {
    method: 'hello.count',
    params: (text) => ({ idempotencyKey: text }),
    event: 'hello.counted',
    startOptions: { config: { plugins: { entries: { hello: { from: HELLO_PLUGIN_DIR } } } } },
  },
};
