import { type AgentTool, Type } from '../../../sdk/index.js';
import { toolsError } from '../errors.js';
import { finished, processOwner } from './exec-tool.js';
import type { ExecSession, ProcessRegistry } from './process-registry.js';

const ACTIONS = ['list', 'poll', 'log', 'write', 'kill', 'remove', 'clear'] as const;

interface ProcessArgs {
  action: (typeof ACTIONS)[number];
  sessionId?: string;
  data?: string;
  eof?: boolean;
  waitMs?: number;
}

/**
 * `process {action, sessionId?}`: the session's background commands. `list` them, `poll` the
 * output since the last poll (optionally waiting up to `waitMs` for the end), read the whole
 * kept `log`, `write` to stdin, `kill`, or `remove` (alias `clear`) a finished one.
 */
export function processTool(registry: ProcessRegistry): AgentTool {
  return {
    name: 'process',
    description:
      'Manage background commands started by exec. action: list | poll (new output since the last poll; waitMs ' +
      'waits for the end) | log (all kept output) | write (data to stdin; eof closes it) | kill | remove.',
    dangerous: true,
    parameters: Type.Object({
      action: Type.Union(ACTIONS.map((a) => Type.Literal(a))),
      sessionId: Type.Optional(Type.String({ minLength: 1 })),
      data: Type.Optional(Type.String()),
      eof: Type.Optional(Type.Boolean()),
      waitMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 120_000 })),
    }),
    async execute(args: ProcessArgs, invocation) {
      const owner = processOwner(invocation);
      if (args.action === 'list') {
        return {
          processes: registry.list(owner).map((s) => ({
            sessionId: s.id,
            command: s.command,
            status: s.status,
            pid: s.pid,
            where: s.where,
            startedAt: s.startedAt,
            runtimeMs: (s.endedAt ?? Date.now()) - s.startedAt,
            ...(s.endedAt !== undefined ? { exitCode: s.exitCode ?? null } : {}),
          })),
        };
      }
      if (!args.sessionId)
        throw toolsError(
          'GW_ERR_TOOLS_PROCESS_NOT_FOUND',
          `action "${args.action}" needs a sessionId (see action list)`,
        );
      const session = registry.get(owner, args.sessionId);
      if (!session)
        throw toolsError(
          'GW_ERR_TOOLS_PROCESS_NOT_FOUND',
          `no background process "${args.sessionId}" in this session (action list shows them)`,
        );
      switch (args.action) {
        case 'poll': {
          if (args.waitMs && session.status === 'running') await endOrTimeout(session, args.waitMs, invocation.signal);
          const output = session.unread.take();
          return { sessionId: session.id, ...statusOf(session), output };
        }
        case 'log':
          return {
            sessionId: session.id,
            ...statusOf(session),
            output: session.output.text(),
            outputBytes: session.output.total,
            truncated: session.output.truncated,
          };
        case 'write':
          if (session.status !== 'running' || !session.process.write)
            throw toolsError('GW_ERR_TOOLS_PROCESS_NOT_FOUND', `process ${session.id} is not running`);
          if (args.data) session.process.write(args.data);
          if (args.eof) session.process.endInput?.();
          return { sessionId: session.id, ok: true, bytes: Buffer.byteLength(args.data ?? '') };
        case 'kill':
          await registry.kill(session);
          return { sessionId: session.id, ...finished(session) };
        case 'remove':
        case 'clear':
          await registry.kill(session);
          registry.forget(session);
          return { sessionId: session.id, removed: true };
      }
    },
  };
}

function statusOf(s: ExecSession) {
  return s.status === 'running'
    ? { status: s.status, runtimeMs: Date.now() - s.startedAt }
    : { status: s.status, exitCode: s.exitCode ?? null, durationMs: (s.endedAt ?? Date.now()) - s.startedAt };
}

function endOrTimeout(session: ExecSession, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    void session.done.then(done);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
