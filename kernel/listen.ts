import type http from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { cliCommand } from './cli-command.js';
import { kernelError } from './errors.js';
import { freePort } from './process/port-owner.js';

/**
 * Listen on `host:port`; with `force`, first stop whatever holds the port. Returns the port
 * actually bound (port 0 — tests, the SDK's test gateway — lets the OS pick).
 */
export async function listenOn(
  app: FastifyInstance,
  server: http.Server,
  options: { port: number; host: string; force: boolean; logger: Logger; profile?: string },
): Promise<number> {
  const { port, host, logger } = options;
  if (options.force) {
    for (const s of await freePort(port))
      logger.warn(
        { pid: s.pid, command: s.command, signal: s.signal, port },
        `--force: stopped pid ${s.pid} listening on port ${port}`,
      );
  }
  try {
    await app.listen({ port, host });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw kernelError(
        'GW_ERR_PORT_IN_USE',
        `port ${port} is already in use on ${host}: another gateway may be running ` +
          `(${cliCommand('status', options.profile)}), or start with --force to stop the process holding port ${port}`,
        { cause: err },
      );
    }
    throw err;
  }
  const address = server.address();
  return address && typeof address === 'object' ? address.port : port;
}
