import os from 'node:os';
import path from 'node:path';
import {
  type SandboxDecision,
  type SandboxMode,
  type SandboxScope,
  type ToolPolicy,
  type WorkspaceAccess,
  WRITE_TOOLS,
} from '../../sdk/index.js';
import type { DockerSettingsT, SandboxPluginConfigT, SandboxSettingsT } from './config-schema.js';

export const DEFAULT_IMAGE = 'moltbot-sandbox:bookworm-slim';
export const DEFAULT_PREFIX = 'moltbot-sbx-';
export const AGENT_MOUNT = '/agent';

/** What a sandboxed session may use unless `tools.sandbox.tools` says otherwise (original Moltbot's list). */
export const DEFAULT_SANDBOX_ALLOW = [
  'exec',
  'process',
  'read',
  'write',
  'edit',
  'apply_patch',
  'list',
  'glob',
  'image',
  'sessions_list',
  'sessions_history',
  'sessions_send',
  'sessions_spawn',
  'session_status',
];
export const DEFAULT_SANDBOX_DENY = ['browser', 'canvas', 'nodes', 'cron', 'gateway', 'telegram', 'whatsapp'];

/** Docker settings with every default filled in. */
export interface DockerConfig {
  image: string;
  containerPrefix: string;
  workdir: string;
  readOnlyRoot: boolean;
  tmpfs: string[];
  network: string;
  user?: string;
  capDrop: string[];
  env: Record<string, string>;
  setupCommand?: string;
  pidsLimit?: number;
  memory?: string | number;
  memorySwap?: string | number;
  cpus?: number;
  binds: string[];
  dns?: string[];
  extraHosts?: string[];
}

/** One agent's effective sandbox settings, each with the config key that decided it. */
export interface AgentSandbox {
  agentId: string;
  mode: SandboxMode;
  scope: SandboxScope;
  workspaceAccess: WorkspaceAccess;
  workspaceRoot: string;
  /** The agent workspace on the host (mounted at /workspace for `rw`, at /agent for `ro`). */
  agentWorkspace: string;
  docker: DockerConfig;
  prune: { idleHours: number; maxAgeDays: number };
  toolPolicy: ToolPolicy;
  mainKey: string;
  sources: Record<string, string>;
}

export function expandHome(p: string): string {
  return p === '~' ? os.homedir() : p.startsWith('~/') ? path.join(os.homedir(), p.slice(2)) : p;
}

/**
 * An agent's sandbox: `agents.list[].sandbox` over `agents.defaults.sandbox` over the defaults
 * (docker settings merged field by field, `env` and `binds` merged). Under `scope: "shared"`
 * per-agent docker/prune settings are ignored (one container serves every agent).
 */
export function agentSandbox(
  config: SandboxPluginConfigT,
  agentId: string,
  paths: { stateDir: string; workspaceDir: string },
): AgentSandbox {
  const list = config.agents.list ?? [];
  const index = list.findIndex((a) => a.id === agentId);
  const agent = index >= 0 ? list[index] : undefined;
  const own = agent?.sandbox ?? {};
  const base = config.agents.defaults?.sandbox ?? {};
  const ownKey = `agents.list[${index}].sandbox`;
  const sources: Record<string, string> = {};
  const pick = <K extends keyof SandboxSettingsT>(key: K, fallback: NonNullable<SandboxSettingsT[K]>) => {
    if (own[key] !== undefined) {
      sources[key] = `${ownKey}.${key}`;
      return own[key]!;
    }
    if (base[key] !== undefined) {
      sources[key] = `agents.defaults.sandbox.${key}`;
      return base[key]!;
    }
    sources[key] = 'default';
    return fallback;
  };
  const mode = pick('mode', 'off');
  let scope: SandboxScope;
  if (own.scope === undefined && base.scope === undefined && (own.perSession ?? base.perSession) !== undefined) {
    scope = (own.perSession ?? base.perSession) ? 'session' : 'shared';
    sources.scope = own.perSession !== undefined ? `${ownKey}.perSession` : 'agents.defaults.sandbox.perSession';
  } else scope = pick('scope', 'agent');
  const workspaceAccess = pick('workspaceAccess', 'none');
  const workspaceRoot = expandHome(pick('workspaceRoot', path.join(paths.stateDir, 'sandboxes')));
  const perAgent = scope === 'shared' ? {} : own;
  const docker = dockerConfig(base.docker ?? {}, perAgent.docker ?? {});
  const prune = {
    idleHours: perAgent.prune?.idleHours ?? base.prune?.idleHours ?? 24,
    maxAgeDays: perAgent.prune?.maxAgeDays ?? base.prune?.maxAgeDays ?? 7,
  };
  const agentTools = agent?.tools?.sandbox?.tools;
  const globalTools = config.tools.sandbox?.tools;
  const allow = agentTools?.allow ?? globalTools?.allow ?? DEFAULT_SANDBOX_ALLOW;
  const deny = [...(agentTools?.deny ?? globalTools?.deny ?? DEFAULT_SANDBOX_DENY)];
  sources['tools.allow'] = agentTools?.allow
    ? `agents.list[${index}].tools.sandbox.tools.allow`
    : globalTools?.allow
      ? 'tools.sandbox.tools.allow'
      : 'default';
  sources['tools.deny'] = agentTools?.deny
    ? `agents.list[${index}].tools.sandbox.tools.deny`
    : globalTools?.deny
      ? 'tools.sandbox.tools.deny'
      : 'default';
  if (workspaceAccess === 'ro') {
    for (const t of WRITE_TOOLS) if (!deny.includes(t)) deny.push(t);
    sources['tools.deny'] += ` + ${WRITE_TOOLS.join('/')} (workspaceAccess "ro")`;
  }
  // Under `shared` every agent writes to one workspace: the default one.
  const workspace =
    scope === 'shared'
      ? (config.agents.defaults?.workspace ?? paths.workspaceDir)
      : (agent?.workspace ?? config.agents.defaults?.workspace ?? paths.workspaceDir);
  return {
    agentId,
    mode,
    scope,
    workspaceAccess,
    workspaceRoot,
    agentWorkspace: expandHome(workspace),
    docker,
    prune,
    toolPolicy: { allow, deny },
    mainKey: config.session.mainKey ?? 'main',
    sources,
  };
}

function dockerConfig(base: DockerSettingsT, own: DockerSettingsT): DockerConfig {
  const get = <K extends keyof DockerSettingsT>(k: K) => own[k] ?? base[k];
  return {
    image: get('image') ?? DEFAULT_IMAGE,
    containerPrefix: get('containerPrefix') ?? DEFAULT_PREFIX,
    workdir: get('workdir') ?? '/workspace',
    readOnlyRoot: get('readOnlyRoot') ?? true,
    tmpfs: get('tmpfs') ?? ['/tmp', '/var/tmp', '/run'],
    network: get('network') ?? 'none',
    user: get('user'),
    capDrop: get('capDrop') ?? ['ALL'],
    env: { LANG: 'C.UTF-8', ...(base.env ?? {}), ...(own.env ?? {}) },
    setupCommand: get('setupCommand'),
    pidsLimit: get('pidsLimit'),
    memory: get('memory'),
    memorySwap: get('memorySwap'),
    cpus: get('cpus'),
    binds: [...(base.binds ?? []), ...(own.binds ?? [])],
    dns: get('dns'),
    extraHosts: get('extraHosts'),
  };
}

/** The container a session uses: its own, its agent's, or the one shared by all. */
export function scopeKey(scope: SandboxScope, agentId: string, sessionKey: string): string {
  return scope === 'session' ? sessionKey : scope === 'agent' ? `agent:${agentId}` : 'shared';
}

/** `non-main`: every session but the agent's main one (`agent:<id>:<session.mainKey>`). */
export function decide(settings: AgentSandbox, sessionKey: string): SandboxDecision {
  const main = `agent:${settings.agentId}:${settings.mainKey}`;
  const sandboxed = settings.mode === 'all' || (settings.mode === 'non-main' && sessionKey !== main);
  return {
    agentId: settings.agentId,
    sessionKey,
    mode: settings.mode,
    scope: settings.scope,
    workspaceAccess: settings.workspaceAccess,
    sandboxed,
    toolPolicy: settings.toolPolicy,
    sources: settings.sources,
  };
}
