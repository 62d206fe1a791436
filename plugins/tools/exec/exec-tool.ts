import crypto from 'node:crypto';
import path from 'node:path';
import type { Logger } from 'pino';
import { type AgentTool, type ToolInvocation, Type } from '../../../sdk/index.js';
import type { ApprovalManager } from '../approvals/approval-manager.js';
import type { ApprovalsStore } from '../approvals/approvals-file.js';
import { decideExec, effectiveExecPolicy } from '../approvals/exec-policy.js';
import type { ExecConfigT } from '../config-schema.js';
import { toolsError } from '../errors.js';
import type { ToolTarget } from '../tool-target.js';
import { notAFile, notFound } from '../workspace/host-workspace.js';
import { exactPattern, resolveProgram } from './allowlist-match.js';
import { analyzeCommand, commandText } from './command-analysis.js';
import { commandEnv } from './exec-env.js';
import type { ExecSession, ProcessRegistry } from './process-registry.js';

export interface ExecToolDeps {
  config(): ExecConfigT;
  target(invocation: ToolInvocation): Promise<ToolTarget>;
  registry: ProcessRegistry;
  approvals: ApprovalManager;
  approvalsStore: ApprovalsStore;
  /** The gateway's environment (only an allowlist of it reaches commands). */
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

interface ExecArgs {
  command: string | string[];
  cwd?: string;
  workdir?: string;
  timeoutSeconds?: number;
  timeout?: number;
  background?: boolean;
  yieldMs?: number;
}

/** Whose processes a call may see: its agent session. */
export function processOwner(invocation: ToolInvocation): string {
  return invocation.sessionKey ?? `agent:${invocation.agentId}`;
}

/**
 * `exec {command, cwd?, timeoutSeconds?, background?}`: run a command (argv array, or a shell
 * string through `sh -c`) in the workspace, on the host under the exec approval policy or in the
 * session's sandbox. Output is capped (head and tail kept); a long run moves to the background
 * (`process` tool) after `tools.exec.backgroundMs`.
 */
export function execTool(deps: ExecToolDeps): AgentTool {
  return {
    name: 'exec',
    description:
      'Run a command in the workspace. command: a shell string (run with sh -c) or an argv array. cwd: folder ' +
      'relative to the workspace. timeoutSeconds: kill after this long. background: return at once with a ' +
      'sessionId for the process tool. Commands still running after a while also move to the background. ' +
      'Host commands may need an operator approval; the call waits for it.',
    dangerous: true,
    parameters: Type.Object({
      command: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String(), { minItems: 1 })], {
        description: 'Shell string, or argv array (no shell).',
      }),
      cwd: Type.Optional(Type.String({ description: 'Working folder relative to the workspace (default ".").' })),
      workdir: Type.Optional(Type.String({ description: 'Same as cwd (original Moltbot name).' })),
      timeoutSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 86_400 })),
      timeout: Type.Optional(Type.Integer({ minimum: 1, maximum: 86_400, description: 'Same as timeoutSeconds.' })),
      background: Type.Optional(Type.Boolean()),
      yieldMs: Type.Optional(
        Type.Integer({ minimum: 0, maximum: 3_600_000, description: 'Move to the background after this long.' }),
      ),
    }),
    async execute(args: ExecArgs, invocation) {
      const cfg = deps.config();
      const target = await deps.target(invocation);
      const cwdInput = args.cwd ?? args.workdir ?? '.';
      const cwdRel = target.fs.relative(cwdInput);
      const cwdEntry = await target.fs.stat(cwdInput);
      if (!cwdEntry) throw notFound(cwdRel, target.fs.root);
      if (cwdEntry.type !== 'dir') throw notAFile(cwdRel, 'a file', 'folder (cwd)');
      const text = commandText(args.command);
      let env: Record<string, string> = {};
      if (target.where === 'host') {
        env = commandEnv(deps.env, cfg);
        await approveHostCommand(deps, cfg, args.command, path.join(target.fs.root, cwdRel), env, invocation);
      }
      const process = await target.start(args.command, cwdRel, env);
      const timeoutMs = (args.timeoutSeconds ?? args.timeout ?? cfg.timeoutSec) * 1000;
      const session = deps.registry.add(
        process,
        {
          owner: processOwner(invocation),
          command: text,
          cwd: target.where === 'host' ? path.join(target.fs.root, cwdRel) : path.posix.join(target.fs.root, cwdRel),
          where: target.where,
        },
        timeoutMs,
      );
      if (args.background) {
        session.backgrounded = true;
        return running(session, 'started in the background');
      }
      const yieldMs = args.yieldMs ?? cfg.backgroundMs;
      const outcome = await waitForEnd(session, yieldMs, invocation.signal);
      if (outcome === 'aborted') {
        await deps.registry.kill(session);
        deps.registry.forget(session);
        throw invocation.signal.reason;
      }
      if (outcome === 'yielded') {
        session.backgrounded = true;
        return running(session, `still running after ${yieldMs} ms; moved to the background`);
      }
      return finished(session);
    },
  };
}

async function approveHostCommand(
  deps: ExecToolDeps,
  cfg: ExecConfigT,
  command: string | string[],
  hostCwd: string,
  env: Record<string, string>,
  invocation: ToolInvocation,
): Promise<void> {
  const { agentId } = invocation;
  const policy = effectiveExecPolicy(cfg, deps.approvalsStore.snapshot().file, agentId);
  const analysis = analyzeCommand(command);
  const resolve = (program: string) => resolveProgram(program, hostCwd, env.PATH);
  const decision = decideExec({ ...policy, analysis, allowlist: deps.approvalsStore.allowlistFor(agentId), resolve });
  const text = commandText(command);
  if (decision.action === 'deny')
    throw toolsError('GW_ERR_TOOLS_EXEC_DENIED', `exec refused: ${decision.reason}`, { details: { command: text } });
  if (decision.action === 'run') {
    if (decision.matched.length) recordUse(deps, decision.matched, text, analysis, resolve);
    return;
  }
  const argv = typeof command === 'string' ? undefined : command;
  const program = analysis.kind === 'segments' ? analysis.segments[0]![0]! : undefined;
  deps.logger.info({ agentId, sessionKey: invocation.sessionKey, command: text }, 'exec waits for an approval');
  const outcome = await deps.approvals.request(
    {
      command: text,
      ...(argv ? { commandArgv: argv } : {}),
      cwd: hostCwd,
      agentId,
      sessionKey: invocation.sessionKey,
      runId: invocation.runId,
      origin: invocation.origin && {
        channel: invocation.origin.channel,
        accountId: invocation.origin.accountId,
        chatId: invocation.origin.chatId,
        chatType: invocation.origin.chatType,
        senderId: invocation.origin.senderId,
      },
      security: policy.security,
      ask: policy.ask,
      resolvedPath: program ? resolve(program) : undefined,
    },
    cfg.approvalTimeoutSeconds * 1000,
    invocation.signal,
  );
  if (outcome.decision === 'cancelled' && invocation.signal.aborted) throw invocation.signal.reason;
  if (outcome.decision === 'allow-once') return;
  if (outcome.decision === 'allow-always') {
    if (analysis.kind === 'segments') {
      deps.approvalsStore.update((file) => {
        const agent = ((file.agents ??= {})[agentId] ??= {});
        const list = (agent.allowlist ??= []);
        for (const argv of analysis.segments) {
          const pattern = exactPattern(argv);
          if (!list.some((e) => e.pattern === pattern))
            list.push({ id: crypto.randomUUID(), pattern, lastUsedAt: Date.now(), lastUsedCommand: text });
        }
      });
    }
    return;
  }
  const why =
    outcome.decision === 'deny'
      ? `an operator denied it (${outcome.resolvedBy})`
      : outcome.decision === 'expired'
        ? `no operator decided within ${cfg.approvalTimeoutSeconds} s (tools.exec.approvalTimeoutSeconds)`
        : 'the approval request was cancelled';
  throw toolsError('GW_ERR_TOOLS_EXEC_NOT_APPROVED', `exec not approved: ${why}. The command did not run.`, {
    details: { command: text, decision: outcome.decision },
  });
}

function recordUse(
  deps: ExecToolDeps,
  matched: Array<{ pattern: string; owner: string }>,
  text: string,
  analysis: ReturnType<typeof analyzeCommand>,
  resolve: (program: string) => string | undefined,
): void {
  const program = analysis.kind === 'segments' ? analysis.segments[0]![0]! : undefined;
  const resolvedPath = program ? resolve(program) : undefined;
  try {
    deps.approvalsStore.update((file) => {
      for (const m of matched) {
        const entry = file.agents?.[m.owner]?.allowlist?.find((e) => e.pattern === m.pattern);
        if (!entry) continue;
        entry.lastUsedAt = Date.now();
        entry.lastUsedCommand = text;
        if (resolvedPath) entry.lastResolvedPath = resolvedPath;
      }
    });
  } catch (err) {
    deps.logger.warn({ err }, 'could not record allowlist use in exec-approvals.json');
  }
}

function waitForEnd(
  session: ExecSession,
  yieldMs: number,
  signal: AbortSignal,
): Promise<'done' | 'yielded' | 'aborted'> {
  return new Promise((resolve) => {
    const timer = yieldMs > 0 ? setTimeout(() => settle('yielded'), yieldMs) : undefined;
    const onAbort = () => settle('aborted');
    const settle = (how: 'done' | 'yielded' | 'aborted') => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(how);
    };
    if (signal.aborted) return settle('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    void session.done.then(() => settle('done'));
  });
}

function running(session: ExecSession, note: string) {
  return {
    status: 'running' as const,
    sessionId: session.id,
    pid: session.pid,
    where: session.where,
    note: `${note}; use the process tool (action "poll", "log" or "kill", sessionId "${session.id}")`,
    output: session.output.text(),
  };
}

/** The result the model sees when a command has ended. */
export function finished(session: ExecSession) {
  return {
    status: session.status,
    exitCode: session.exitCode ?? null,
    ...(session.signal ? { signal: session.signal } : {}),
    ...(session.status === 'timeout' ? { timedOut: true } : {}),
    durationMs: (session.endedAt ?? Date.now()) - session.startedAt,
    cwd: session.cwd,
    where: session.where,
    output: session.output.text(),
    outputBytes: session.output.total,
    truncated: session.output.truncated,
  };
}
