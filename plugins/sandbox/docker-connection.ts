import Docker from 'dockerode';
import { sandboxError } from './errors.js';

const PING_TTL_MS = 5000;

/**
 * The Docker Engine API client (dockerode over the unix socket, or `DOCKER_HOST`). Reachability
 * is checked before use and remembered briefly, so a stopped daemon yields one clear error that
 * names what to start instead of a socket error deep inside a tool call.
 */
export class DockerConnection {
  readonly docker: Docker;
  private checkedAt = 0;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    // dockerode reads DOCKER_HOST / DOCKER_CERT_PATH itself; default is /var/run/docker.sock.
    this.docker = env.DOCKER_HOST ? new Docker() : new Docker({ socketPath: '/var/run/docker.sock' });
  }

  get endpoint(): string {
    return process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  }

  async ready(): Promise<Docker> {
    if (Date.now() - this.checkedAt < PING_TTL_MS) return this.docker;
    try {
      await this.docker.ping();
    } catch (err) {
      this.checkedAt = 0;
      throw sandboxError(
        'GW_ERR_SANDBOX_DOCKER_UNAVAILABLE',
        `Docker is not reachable at ${this.endpoint} (${(err as Error).message}): start the Docker daemon ` +
          '(sudo systemctl start docker, or run dockerd) or point DOCKER_HOST at it; sandboxed tools refuse to ' +
          'run on the host meanwhile',
        { cause: err },
      );
    }
    this.checkedAt = Date.now();
    return this.docker;
  }

  /** Forget the last successful ping (after a call failed in a way that suggests the daemon went away). */
  invalidate(): void {
    this.checkedAt = 0;
  }
}
