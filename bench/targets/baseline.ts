import { fileURLToPath } from 'node:url';
import { freePort } from '../lib/ports.js';
import { spawnServer } from '../lib/server-process.js';
import type { Target } from '../lib/types.js';
import { benchToken, operatorConnectParams } from './bench-token.js';

const script = fileURLToPath(new URL('../baseline/server.js', import.meta.url));

/** The bare `ws` + `node:http` server in `bench/baseline/`. */
export const baselineTarget: Target = {
  kind: 'baseline',
  unavailable: () => undefined,
  async start() {
    const port = await freePort();
    const token = benchToken();
    return spawnServer({ script, args: ['--port', String(port), `--token=${token}`], port, token });
  },
  connectParams: operatorConnectParams,
  statusMethod: 'status',
  broadcast: { method: 'bench.broadcast', params: (text) => ({ text }), event: 'presence' },
};
