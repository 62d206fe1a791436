import crypto from 'node:crypto';
import type { Logger } from 'pino';
import type { WireErrorCode } from '../../sdk/index.js';
import { nodesError } from './errors.js';
import type { NodeSession } from './node-table.js';

/** How long a timed-out call's id is remembered, so its late result is told "ignored", not "unknown". */
const LATE_RESULT_MEMORY_MS = 10 * 60 * 1000;
const LATE_RESULT_MAX = 10_000;

/** What `node.invoke` answers (PROTOCOL.md). */
export interface InvokeOutcome {
  ok: true;
  nodeId: string;
  command: string;
  payload: unknown;
}

/** `node.invoke.result` params (PROTOCOL.md). */
export interface InvokeResult {
  id: string;
  nodeId: string;
  ok: boolean;
  payload?: unknown;
  payloadJSON?: string;
  error?: { code?: string; message?: string };
}

interface Pending {
  id: string;
  nodeId: string;
  connId: string;
  command: string;
  resolve(outcome: InvokeOutcome): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
  off?: () => void;
}

/** Wire codes a node may answer with that pass through to the caller; others become UNAVAILABLE. */
const PASSED_THROUGH: ReadonlySet<string> = new Set<WireErrorCode>([
  'INVALID_REQUEST',
  'FORBIDDEN',
  'NOT_FOUND',
  'AGENT_TIMEOUT',
  'UNAVAILABLE',
]);

/**
 * Forwards invocations to nodes and their results back (docs/nodes.md "Invoking a command").
 * Each call has a gateway-chosen id and is bound to the node connection it was sent to: a
 * result is taken only from that connection, for that id, once. When the node goes away every
 * call waiting on it is answered at once (UNAVAILABLE), not at its timeout.
 */
export class InvokeBroker {
  private readonly pending = new Map<string, Pending>();
  /** Calls that timed out or lost their caller: id → node id. */
  private readonly settled = new Map<string, { nodeId: string; at: number }>();

  constructor(
    private readonly send: (connId: string, payload: Record<string, unknown>) => boolean,
    private readonly logger: Logger,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  invoke(
    node: NodeSession,
    call: { command: string; params?: unknown; timeoutMs: number; idempotencyKey?: string; signal?: AbortSignal },
  ): Promise<InvokeOutcome> {
    const id = crypto.randomUUID();
    return new Promise<InvokeOutcome>((resolve, reject) => {
      const p: Pending = {
        id,
        nodeId: node.nodeId,
        connId: node.connId,
        command: call.command,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.finish(id, true);
          reject(
            nodesError(
              'GW_ERR_NODES_INVOKE_TIMEOUT',
              `node ${node.nodeId} did not answer ${call.command} within ${call.timeoutMs} ms`,
              { details: { nodeId: node.nodeId, command: call.command, timeoutMs: call.timeoutMs } },
            ),
          );
        }, call.timeoutMs),
      };
      if (call.signal) {
        // The caller went away: nobody to answer; a late result is just ignored.
        const onAbort = () => {
          if (this.finish(id, true)) reject(new Error('caller disconnected'));
        };
        call.signal.addEventListener('abort', onAbort, { once: true });
        p.off = () => call.signal!.removeEventListener('abort', onAbort);
      }
      this.pending.set(id, p);
      const sent = this.send(node.connId, {
        id,
        nodeId: node.nodeId,
        command: call.command,
        ...(call.params === undefined ? {} : { paramsJSON: JSON.stringify(call.params) }),
        timeoutMs: call.timeoutMs,
        ...(call.idempotencyKey ? { idempotencyKey: call.idempotencyKey } : {}),
      });
      if (!sent) {
        this.finish(id, false);
        reject(this.gone(node.nodeId, call.command));
      }
    });
  }

  /**
   * A node answered. Refused (and logged) when the call was sent to another connection or node;
   * unknown ids are refused too, except a call that already timed out on this node (ignored).
   */
  result(from: { connId: string; nodeId: string }, r: InvokeResult): { ok: true; ignored?: true } {
    const p = this.pending.get(r.id);
    if (!p) {
      const late = this.settled.get(r.id);
      if (late && late.nodeId === from.nodeId && r.nodeId === from.nodeId) return { ok: true, ignored: true };
      this.logger.warn({ id: r.id, nodeId: from.nodeId }, 'node.invoke.result for a call this node was not asked');
      if (late) throw nodesError('GW_ERR_NODES_RESULT_REFUSED', `call ${r.id} was not sent to node ${from.nodeId}`);
      throw nodesError('GW_ERR_NODES_RESULT_UNKNOWN', `no node.invoke call with id ${r.id} is waiting`);
    }
    if (p.connId !== from.connId || p.nodeId !== from.nodeId || r.nodeId !== p.nodeId) {
      this.logger.warn(
        { id: r.id, expected: p.nodeId, from: from.nodeId, claimed: r.nodeId },
        "node.invoke.result refused: another node's call",
      );
      throw nodesError('GW_ERR_NODES_RESULT_REFUSED', `call ${r.id} was not sent to node ${from.nodeId}`);
    }
    let payload: unknown = r.payload;
    if (r.payloadJSON !== undefined) {
      try {
        payload = JSON.parse(r.payloadJSON);
      } catch {
        this.finish(r.id, false);
        p.reject(
          nodesError(
            'GW_ERR_NODES_COMMAND_FAILED',
            `node ${p.nodeId} answered ${p.command} with payloadJSON that is not JSON`,
          ),
        );
        throw nodesError('GW_ERR_NODES_BAD_PAYLOAD', 'payloadJSON is not valid JSON');
      }
    }
    this.finish(r.id, false);
    if (r.ok) {
      p.resolve({ ok: true, nodeId: p.nodeId, command: p.command, payload });
    } else {
      const code = r.error?.code && PASSED_THROUGH.has(r.error.code) ? (r.error.code as WireErrorCode) : 'UNAVAILABLE';
      p.reject(
        nodesError(
          'GW_ERR_NODES_COMMAND_FAILED',
          `node ${p.nodeId}: ${p.command} failed: ${r.error?.message ?? 'error'}`,
          {
            wire: code,
            details: { nodeId: p.nodeId, command: p.command, nodeError: r.error ?? {} },
          },
        ),
      );
    }
    return { ok: true };
  }

  /** The node's connection closed: answer everything waiting on it now. */
  connectionClosed(connId: string): number {
    let n = 0;
    for (const p of [...this.pending.values()]) {
      if (p.connId !== connId) continue;
      this.finish(p.id, false);
      p.reject(this.gone(p.nodeId, p.command));
      n++;
    }
    return n;
  }

  /** The plugin is unloading: every waiting caller is told the gateway cannot answer now. */
  close(): void {
    for (const p of [...this.pending.values()]) {
      this.finish(p.id, false);
      p.reject(
        nodesError('GW_ERR_NODES_NODE_GONE', `the nodes plugin is reloading; retry ${p.command}`, { retryable: true }),
      );
    }
  }

  private gone(nodeId: string, command: string): Error {
    return nodesError('GW_ERR_NODES_NODE_GONE', `node ${nodeId} disconnected before answering ${command}`, {
      retryable: true,
      details: { nodeId, command },
    });
  }

  /** Stop waiting for a call; `remember` keeps its id so a late result is recognised. */
  private finish(id: string, remember: boolean): boolean {
    const p = this.pending.get(id);
    if (!p) return false;
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.off?.();
    if (remember) {
      const now = Date.now();
      this.settled.set(id, { nodeId: p.nodeId, at: now });
      for (const [k, v] of this.settled) {
        if (this.settled.size <= LATE_RESULT_MAX && v.at > now - LATE_RESULT_MEMORY_MS) break;
        this.settled.delete(k);
      }
    }
    return true;
  }
}
