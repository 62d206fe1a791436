/**
 * How the bench starts and talks to the real gateway. Everything gateway-specific lives here:
 * the command line, the environment, the connect params and the broadcast method.
 */
import { existsSync, readFileSync } from 'node:fs';
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

/** `BENCH_GATEWAY_BIN` overrides the CLI entry point. */
function gatewayBin(): string {
  return process.env.BENCH_GATEWAY_BIN ?? path.join(projectRoot(), 'dist', 'bin', 'moltbot.js');
}

export const gatewayTarget: Target = {
  kind: 'gateway',
  unavailable() {
    const bin = gatewayBin();
    if (existsSync(bin)) return undefined;
    return `not built (${path.relative(process.cwd(), bin) || bin} missing; run \`npm run build\`)`;
  },
  async start() {
    const port = await freePort();
    const token = benchToken();
    return spawnServer({
      script: gatewayBin(),
      args: ['gateway', '--port', String(port), '--allow-unconfigured'],
      port,
      token,
      dropEnv: /^(CLAWDBOT_|MOLTBOT_)/,
      // A throwaway state dir and home per start: no config file, no channels, no plugins state.
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
  // `system-event` posts a system note, which the gateway broadcasts as a `presence` event.
  broadcast: { method: 'system-event', params: (text) => ({ text }), event: 'presence' },
};
