import path from 'node:path';
import type { CommandProcess, PluginContext, SandboxSession, ToolInvocation } from '../../sdk/index.js';
import type { ToolsPluginConfigT } from './config-schema.js';
import { toolsError } from './errors.js';
import { ContainerWorkspace } from './workspace/container-workspace.js';
import { HostWorkspace } from './workspace/host-workspace.js';
import type { WorkspaceFs } from './workspace/workspace-fs.js';

/** Where one tool call acts: the host workspace, or the session's sandbox container. */
export interface ToolTarget {
  where: 'host' | 'sandbox';
  fs: WorkspaceFs;
  /** Start a command with cwd relative to the workspace root (already confined by the caller). */
  start(command: string | readonly string[], cwdRel: string, env: Record<string, string>): Promise<CommandProcess>;
  containerName?: string;
}

type Ctx = PluginContext<ToolsPluginConfigT>;

/**
 * The sandbox plugin decides whether a session is sandboxed; when it is, the call runs in its
 * container or not at all. When that plugin is not loaded but the config asks for a sandbox
 * anywhere, calls are refused rather than run on the host.
 */
export async function resolveTarget(
  ctx: Ctx,
  invocation: ToolInvocation,
  startOnHost: (
    command: string | readonly string[],
    cwd: string,
    env: Record<string, string>,
  ) => Promise<CommandProcess>,
): Promise<ToolTarget> {
  const sessionKey = invocation.sessionKey ?? `agent:${invocation.agentId}:main`;
  const sandbox = ctx.services.get('sandbox');
  if (!sandbox) {
    if (sandboxWanted(ctx.gateway.rootConfig))
      throw toolsError(
        'GW_ERR_TOOLS_SANDBOX_UNAVAILABLE',
        'the config turns the sandbox on (agents.defaults.sandbox.mode / agents.list[].sandbox.mode) but the ' +
          'sandbox plugin is not loaded; enable plugins.entries.sandbox (tools refuse to run on the host instead)',
      );
    return hostTarget(invocation, startOnHost);
  }
  const decision = sandbox.decide(invocation.agentId, sessionKey);
  if (!decision.sandboxed) return hostTarget(invocation, startOnHost);
  let session: SandboxSession;
  try {
    session = await sandbox.acquire(invocation.agentId, sessionKey, invocation.signal);
  } catch (err) {
    if (invocation.signal.aborted) throw err;
    throw toolsError(
      'GW_ERR_TOOLS_SANDBOX_UNAVAILABLE',
      `this session runs its tools in a sandbox, which is not available: ${(err as Error).message}`,
      { cause: err },
    );
  }
  return {
    where: 'sandbox',
    fs: new ContainerWorkspace(session),
    containerName: session.containerName,
    start: (command, cwdRel, env) =>
      session.exec({
        argv: typeof command === 'string' ? ['sh', '-c', command] : [...command],
        cwd: path.posix.join(session.workdir, cwdRel),
        env,
      }),
  };
}

function hostTarget(
  invocation: ToolInvocation,
  startOnHost: (
    command: string | readonly string[],
    cwd: string,
    env: Record<string, string>,
  ) => Promise<CommandProcess>,
): ToolTarget {
  const root = invocation.workspaceDir;
  if (!root)
    throw toolsError(
      'GW_ERR_TOOLS_PATH_NOT_FOUND',
      'no agent workspace is known for this call (agents.defaults.workspace)',
    );
  return {
    where: 'host',
    fs: new HostWorkspace(root),
    start: (command, cwdRel, env) => startOnHost(command, path.join(root, cwdRel), env),
  };
}

function sandboxWanted(root: Readonly<Record<string, unknown>>): boolean {
  const agents = root.agents as {
    defaults?: { sandbox?: { mode?: string } };
    list?: Array<{ sandbox?: { mode?: string } }>;
  };
  const modes = [agents?.defaults?.sandbox?.mode, ...(agents?.list ?? []).map((a) => a?.sandbox?.mode)];
  return modes.some((m) => m !== undefined && m !== 'off');
}
