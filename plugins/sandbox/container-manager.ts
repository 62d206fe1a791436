import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import type { Logger } from 'pino';
import { type PluginStore, preparedStatement } from '../../sdk/index.js';
import { configHash, containerName, LABEL, slugOf } from './container-identity.js';
import type { DockerConnection } from './docker-connection.js';
import { sandboxError } from './errors.js';
import { AGENT_MOUNT, type AgentSandbox, scopeKey } from './sandbox-settings.js';

const MIGRATIONS = [
  `CREATE TABLE sandbox_containers (
     name TEXT PRIMARY KEY, scope_key TEXT NOT NULL, agent_id TEXT NOT NULL,
     created_at INTEGER NOT NULL, last_used_at INTEGER NOT NULL, config_hash TEXT NOT NULL, image TEXT NOT NULL)`,
];

/** A sandbox container as `sandbox.list` shows it. */
export interface ContainerInfo {
  containerName: string;
  scopeKey: string;
  agentId: string;
  scope: string;
  image: string;
  running: boolean;
  configHash: string;
  /** False when the config now asks for something else (it is recreated on next use). */
  upToDate?: boolean;
  createdAtMs: number;
  lastUsedAtMs?: number;
}

export interface EnsuredContainer {
  container: Docker.Container;
  name: string;
  /** Host folder mounted at the workdir. */
  workspaceDir: string;
}

/**
 * Creates, reuses, recreates and prunes this gateway's sandbox containers. One container per
 * scope key; it is recreated when its config hash label differs from the config's (unless a
 * command still runs in it), and removed after `prune.idleHours` unused or `prune.maxAgeDays`.
 */
export class ContainerManager {
  private readonly inflight = new Map<string, Promise<EnsuredContainer>>();
  /** Commands running per container (a busy container is not recreated under them). */
  private readonly busy = new Map<string, number>();
  private readonly usage: {
    touch(name: string, scopeKey: string, agentId: string, hash: string, image: string): void;
    lastUsed(name: string): number | undefined;
    forget(name: string): void;
  };

  constructor(
    private readonly connection: DockerConnection,
    private readonly gateway: string,
    store: PluginStore,
    private readonly logger: Logger,
  ) {
    store.migrate(MIGRATIONS);
    const db = store.db;
    this.usage = {
      touch: (name, key, agentId, hash, image) =>
        preparedStatement(
          db,
          'INSERT INTO sandbox_containers (name, scope_key, agent_id, created_at, last_used_at, config_hash, image) ' +
            'VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET last_used_at = excluded.last_used_at, ' +
            'config_hash = excluded.config_hash, image = excluded.image',
        ).run(name, key, agentId, Date.now(), Date.now(), hash, image),
      lastUsed: (name) =>
        (
          preparedStatement(db, 'SELECT last_used_at FROM sandbox_containers WHERE name = ?').get(name) as
            | { last_used_at: number }
            | undefined
        )?.last_used_at,
      forget: (name) => preparedStatement(db, 'DELETE FROM sandbox_containers WHERE name = ?').run(name),
    };
  }

  /** The host folder a session's sandbox mounts at its workdir. */
  workspaceDirFor(settings: AgentSandbox, key: string): string {
    if (settings.workspaceAccess === 'rw') return settings.agentWorkspace;
    return path.join(settings.workspaceRoot, key === 'shared' ? 'shared' : slugOf(key));
  }

  nameFor(settings: AgentSandbox, sessionKey: string): string {
    return containerName(
      settings.docker.containerPrefix,
      this.gateway,
      scopeKey(settings.scope, settings.agentId, sessionKey),
    );
  }

  /** The running container for a session (one ensure per container at a time). */
  ensure(settings: AgentSandbox, sessionKey: string): Promise<EnsuredContainer> {
    const name = this.nameFor(settings, sessionKey);
    const running = this.inflight.get(name);
    if (running) return running;
    const work = this.ensureNow(settings, sessionKey, name).finally(() => this.inflight.delete(name));
    this.inflight.set(name, work);
    return work;
  }

  /** Mark a command running in a container until `release`. */
  hold(name: string): () => void {
    this.busy.set(name, (this.busy.get(name) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.busy.get(name) ?? 1) - 1;
      if (n <= 0) this.busy.delete(name);
      else this.busy.set(name, n);
    };
  }

  async list(expected?: (info: ContainerInfo) => string | undefined): Promise<ContainerInfo[]> {
    const docker = await this.connection.ready();
    const found = await docker.listContainers({
      all: true,
      filters: { label: [`${LABEL.sandbox}=1`, `${LABEL.gateway}=${this.gateway}`] },
    });
    return found.map((c) => {
      const labels = c.Labels ?? {};
      const info: ContainerInfo = {
        containerName: (c.Names[0] ?? '').replace(/^\//, ''),
        scopeKey: labels[LABEL.scopeKey] ?? '',
        agentId: labels[LABEL.agentId] ?? '',
        scope: labels[LABEL.scope] ?? '',
        image: c.Image,
        running: c.State === 'running',
        configHash: labels[LABEL.configHash] ?? '',
        createdAtMs: Number(labels[LABEL.createdAtMs] ?? c.Created * 1000),
        lastUsedAtMs: this.usage.lastUsed((c.Names[0] ?? '').replace(/^\//, '')),
      };
      const want = expected?.(info);
      if (want !== undefined) info.upToDate = want === info.configHash;
      return info;
    });
  }

  async remove(name: string): Promise<boolean> {
    const docker = await this.connection.ready();
    try {
      await docker.getContainer(name).remove({ force: true });
      this.usage.forget(name);
      return true;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) {
        this.usage.forget(name);
        return false;
      }
      throw err;
    }
  }

  /** Remove containers idle or old past their agent's prune settings; returns the names removed. */
  async prune(pruneOf: (agentId: string) => { idleHours: number; maxAgeDays: number }): Promise<string[]> {
    const removed: string[] = [];
    const now = Date.now();
    for (const c of await this.list()) {
      if (this.busy.has(c.containerName)) continue;
      const { idleHours, maxAgeDays } = pruneOf(c.agentId);
      const lastUsed = c.lastUsedAtMs ?? c.createdAtMs;
      const idle = idleHours > 0 && now - lastUsed > idleHours * 3_600_000;
      const old = maxAgeDays > 0 && now - c.createdAtMs > maxAgeDays * 86_400_000;
      if (!idle && !old) continue;
      if (await this.remove(c.containerName)) {
        removed.push(c.containerName);
        this.logger.info({ container: c.containerName, idle, old }, 'sandbox container pruned');
      }
    }
    return removed;
  }

  private async ensureNow(settings: AgentSandbox, sessionKey: string, name: string): Promise<EnsuredContainer> {
    const docker = await this.connection.ready();
    const key = scopeKey(settings.scope, settings.agentId, sessionKey);
    const workspaceDir = this.workspaceDirFor(settings, key);
    const hash = configHash(settings, workspaceDir);
    const container = docker.getContainer(name);
    let state: Docker.ContainerInspectInfo | undefined;
    try {
      state = await container.inspect();
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) {
        this.connection.invalidate();
        throw sandboxError('GW_ERR_SANDBOX_CREATE_FAILED', `inspecting ${name} failed: ${(err as Error).message}`, {
          cause: err,
        });
      }
    }
    if (state && state.Config.Labels?.[LABEL.configHash] !== hash) {
      if (this.busy.has(name)) {
        this.logger.warn({ container: name }, 'sandbox config changed; the container is recreated once it is idle');
      } else {
        this.logger.info({ container: name }, 'sandbox config changed: recreating the container');
        await container.remove({ force: true }).catch(() => undefined);
        state = undefined;
      }
    }
    if (!state) await this.create(docker, settings, name, key, workspaceDir, hash);
    else if (!state.State.Running)
      await container.start().catch((err: Error) => {
        throw sandboxError('GW_ERR_SANDBOX_CREATE_FAILED', `starting ${name} failed: ${err.message}`, { cause: err });
      });
    this.usage.touch(name, key, settings.agentId, hash, settings.docker.image);
    return { container, name, workspaceDir };
  }

  private async create(
    docker: Docker,
    settings: AgentSandbox,
    name: string,
    key: string,
    workspaceDir: string,
    hash: string,
  ): Promise<void> {
    const d = settings.docker;
    try {
      await docker.getImage(d.image).inspect();
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
      throw sandboxError(
        'GW_ERR_SANDBOX_IMAGE_MISSING',
        `the sandbox image ${d.image} is not on this Docker host: build or load it (docs/sandbox.md shows how) or ` +
          'set agents.defaults.sandbox.docker.image; the gateway never pulls images',
      );
    }
    fs.mkdirSync(workspaceDir, { recursive: true, mode: 0o700 });
    const binds = [`${workspaceDir}:${d.workdir}`];
    if (settings.workspaceAccess === 'ro') binds.push(`${settings.agentWorkspace}:${AGENT_MOUNT}:ro`);
    binds.push(...d.binds);
    const created = await docker
      .createContainer({
        name,
        Image: d.image,
        Cmd: ['sleep', 'infinity'],
        WorkingDir: d.workdir,
        Env: Object.entries(d.env).map(([k, v]) => `${k}=${v}`),
        ...(d.user ? { User: d.user } : {}),
        Labels: {
          [LABEL.sandbox]: '1',
          [LABEL.gateway]: this.gateway,
          [LABEL.agentId]: settings.agentId,
          [LABEL.scopeKey]: key,
          [LABEL.scope]: settings.scope,
          [LABEL.configHash]: hash,
          [LABEL.createdAtMs]: String(Date.now()),
        },
        HostConfig: {
          Binds: binds,
          NetworkMode: d.network,
          ReadonlyRootfs: d.readOnlyRoot,
          Tmpfs: Object.fromEntries(d.tmpfs.map((t) => [t, ''])),
          CapDrop: d.capDrop,
          SecurityOpt: ['no-new-privileges'],
          ...(d.pidsLimit ? { PidsLimit: d.pidsLimit } : {}),
          ...(d.memory !== undefined ? { Memory: bytes(d.memory) } : {}),
          ...(d.memorySwap !== undefined ? { MemorySwap: bytes(d.memorySwap) } : {}),
          ...(d.cpus ? { NanoCpus: Math.round(d.cpus * 1e9) } : {}),
          ...(d.dns ? { Dns: d.dns } : {}),
          ...(d.extraHosts ? { ExtraHosts: d.extraHosts } : {}),
        },
      })
      .catch((err: Error) => {
        throw sandboxError('GW_ERR_SANDBOX_CREATE_FAILED', `creating ${name} failed: ${err.message}`, { cause: err });
      });
    try {
      await created.start();
    } catch (err) {
      await created.remove({ force: true }).catch(() => undefined);
      throw sandboxError('GW_ERR_SANDBOX_CREATE_FAILED', `starting ${name} failed: ${(err as Error).message}`, {
        cause: err,
      });
    }
    this.logger.info({ container: name, image: d.image, scopeKey: key }, 'sandbox container created');
    if (d.setupCommand?.trim()) await this.setup(created, name, d.setupCommand);
  }

  private async setup(container: Docker.Container, name: string, command: string): Promise<void> {
    const exec = await container.exec({ Cmd: ['sh', '-lc', command], AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({});
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    await new Promise((r) => stream.on('end', r));
    const { ExitCode } = await exec.inspect();
    if (ExitCode === 0) return;
    await container.remove({ force: true }).catch(() => undefined);
    const tail = Buffer.concat(chunks)
      .toString('utf8')
      .replace(/[\x00-\x08]/g, '')
      .slice(-500);
    throw sandboxError(
      'GW_ERR_SANDBOX_SETUP_FAILED',
      `setupCommand failed in ${name} (exit ${ExitCode}); the container was removed. Output: ${tail} ` +
        '(network is "none" and the root read-only by default: see docs/sandbox.md)',
    );
  }
}

/** `512m` / `2g` / a number of bytes → bytes. */
function bytes(v: string | number): number {
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)([bkmg])?$/i.exec(v)!;
  const n = Number(m[1]);
  return n * ({ b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[(m[2] ?? 'b').toLowerCase()]!;
}
