import net from 'node:net';
import { now, sleep } from './clock.js';

export const HOST = '127.0.0.1';

/** Asks the OS for a free loopback port (there is a small race until the server binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not allocate a port'));
      });
    });
  });
}

function tryConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export interface WaitForPortOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Stops waiting early (e.g. the process exited). Returns a reason to fail with. */
  readonly abort?: () => string | undefined;
}

/** Polls until `port` accepts a TCP connection; resolves with the absolute time it did. */
export async function waitForPort(port: number, opts: WaitForPortOptions): Promise<number> {
  const deadline = now() + opts.timeoutMs;
  const interval = opts.intervalMs ?? 2;
  while (now() < deadline) {
    const reason = opts.abort?.();
    if (reason) throw new Error(reason);
    if (await tryConnect(port)) return now();
    await sleep(interval);
  }
  throw new Error(`port ${port} did not accept connections within ${opts.timeoutMs} ms`);
}
