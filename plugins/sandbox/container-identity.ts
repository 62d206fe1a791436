import crypto from 'node:crypto';
import type { AgentSandbox } from './sandbox-settings.js';

/** Labels on every sandbox container this gateway makes (list, prune and recreate filter on them). */
export const LABEL = {
  sandbox: 'moltbot.sandbox',
  gateway: 'moltbot.gateway',
  agentId: 'moltbot.agentId',
  scopeKey: 'moltbot.scopeKey',
  scope: 'moltbot.scope',
  configHash: 'moltbot.configHash',
  createdAtMs: 'moltbot.createdAtMs',
} as const;

/** Short id of this gateway's state dir: two profiles (or test runs) on one host never share a container. */
export function gatewayId(stateDir: string): string {
  return crypto.createHash('sha256').update(stateDir).digest('hex').slice(0, 8);
}

/** Docker-safe slug of a scope key plus a hash (so distinct keys never collide after slugging). */
export function slugOf(key: string): string {
  const hash = crypto.createHash('sha256').update(key).digest('hex').slice(0, 8);
  const slug = key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);
  return `${slug || 'x'}-${hash}`;
}

export function containerName(prefix: string, gateway: string, scopeKey: string): string {
  return `${prefix}${gateway}-${scopeKey === 'shared' ? 'shared' : slugOf(scopeKey)}`.slice(0, 63);
}

/**
 * Hash of everything that shapes a container; a container whose label differs is recreated.
 * Prune settings are left out: they do not change the container.
 */
export function configHash(
  settings: Pick<AgentSandbox, 'docker' | 'workspaceAccess' | 'agentWorkspace'>,
  workspaceDir: string,
): string {
  const shape = {
    docker: settings.docker,
    workspaceAccess: settings.workspaceAccess,
    workspaceDir,
    agentWorkspace: settings.workspaceAccess === 'none' ? undefined : settings.agentWorkspace,
  };
  return crypto.createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 16);
}
