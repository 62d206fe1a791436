import type Docker from 'dockerode';
import { sandboxError } from './errors.js';

const PING_TTL_MS = 5000;

/**
 * The Docker Engine API client (dockerode over the unix socket, or `DOCKER_HOST`). Reachability
 * is checked before use and remembered briefly, so a stopped daemon yields one clear error that
 * names what to start instead of a socket error deep inside a tool call.
 */
export class DockerConnection {
  private docker?: Docker;
  private checkedAt = 0;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  get endpoint(): string {
    return this.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  }

  async ready(): Promise<Docker> {
    if (this.docker && Date.now() - this.checkedAt < PING_TTL_MS) return this.docker;
    if (!this.docker) {
      // Loaded on first use: most gateways never sandbox anything.
      const { default: DockerClient } = await import('dockerode');
      // dockerode reads DOCKER_HOST / DOCKER_CERT_PATH itself; default is /var/run/docker.sock.
      this.docker = this.env.DOCKER_HOST
        ? new DockerClient()
        : new DockerClient({ socketPath: '/var/run/docker.sock' });
    }
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
