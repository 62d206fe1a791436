import path from 'node:path';
import type {
  PluginContext,
  SandboxDecision,
  SandboxService,
  SandboxSession,
  WorkspaceAccess,
} from '../../sdk/index.js';
import type { SandboxPluginConfigT } from './config-schema.js';
import { startContainerCommand } from './container-exec.js';
import { ContainerFiles } from './container-files.js';
import type { ContainerManager } from './container-manager.js';
import { AGENT_MOUNT, type AgentSandbox, agentSandbox, decide } from './sandbox-settings.js';

type Ctx = PluginContext<SandboxPluginConfigT>;

/** The `sandbox` service: decisions from the config, sessions backed by Docker containers. */
export class SandboxRuntime implements SandboxService {
  /**
   * Settings per configured agent for one config (the agent asks once per tool per turn). Frozen:
   * every session of the agent shares them, so no caller may loosen its tool policy in place. An id
   * the config does not list (a client may name any in `sandbox.explain`) is resolved, not kept.
   */
  private resolved?: { config: SandboxPluginConfigT; byAgent: Map<string, AgentSandbox> };

  constructor(
    private readonly ctx: Ctx,
    readonly containers: ContainerManager,
  ) {}

  settings(agentId: string): AgentSandbox {
    const config = this.ctx.config;
    if (this.resolved?.config !== config) this.resolved = { config, byAgent: new Map() };
    const cached = this.resolved.byAgent.get(agentId);
    if (cached) return cached;
    // A copy: the result shares arrays with the config, which must not be frozen under it.
    const settings = deepFreeze(
      structuredClone(
        agentSandbox(config, agentId, { stateDir: this.ctx.paths.stateDir, workspaceDir: this.ctx.paths.workspaceDir }),
      ),
    );
    const configured = agentId === DEFAULT_AGENT_ID || (config.agents.list ?? []).some((a) => a.id === agentId);
    if (configured) this.resolved.byAgent.set(agentId, settings);
    return settings;
  }

  decide(agentId: string, sessionKey: string): SandboxDecision {
    return decide(this.settings(agentId), sessionKey);
  }

  async acquire(agentId: string, sessionKey: string, signal?: AbortSignal): Promise<SandboxSession> {
    const settings = this.settings(agentId);
    const work = this.containers.ensure(settings, sessionKey);
    void this.ctx.lease.track(work.catch(() => undefined));
    const { container, name } = await work;
    signal?.throwIfAborted();
    const d = settings.docker;
    const files = new ContainerFiles(container, d.workdir, numericOwner(d.user));
    const access: WorkspaceAccess = settings.workspaceAccess;
    return {
      containerName: name,
      workdir: d.workdir,
      workspaceAccess: access,
      ...(access === 'ro' ? { agentMount: AGENT_MOUNT } : {}),
      exec: async ({ argv, cwd, env }) => {
        const release = this.containers.hold(name);
        try {
          const proc = await startContainerCommand(container, {
            argv,
            cwd: path.posix.normalize(cwd),
            env: { ...d.env, ...(env ?? {}) },
            user: d.user,
          });
          void proc.exited.finally(release);
          return proc;
        } catch (err) {
          release();
          throw err;
        }
      },
      stat: (p) => files.stat(p),
      readFile: (p, max) => files.readFile(p, max),
      writeFiles: (list) => files.writeFiles(list),
      list: (dir, options) => files.list(dir, options),
    };
  }
}

/** `1000:1000` / `1000` → uid/gid for files written into the container (names stay root-owned). */
function numericOwner(user: string | undefined): { uid: number; gid: number } | undefined {
  const m = user ? /^(\d+)(?::(\d+))?$/.exec(user) : null;
  if (!m) return undefined;
  return { uid: Number(m[1]), gid: Number(m[2] ?? m[1]) };
}

/** The agent a config without `agents.list` runs (the agent plugin's default id). */
const DEFAULT_AGENT_ID = 'main';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
