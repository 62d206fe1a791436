import crypto from 'node:crypto';
import type { CallerInfo, ExecApprovalDecision, ExecApprovalRequest, ExecApprovalService } from '../../../sdk/index.js';
import { toolsError } from '../errors.js';

/** Who sees approval prompts: operators holding `operator.approvals` (admin holds every scope). */
export const APPROVERS = {
  filter: (caller: CallerInfo) =>
    caller.role === 'operator' &&
    (caller.scopes.includes('operator.approvals') || caller.scopes.includes('operator.admin')),
};

export type ApprovalOutcome =
  | { decision: ExecApprovalDecision; resolvedBy: string }
  | { decision: 'expired' | 'cancelled'; resolvedBy?: undefined };

interface Pending {
  request: ExecApprovalRequest;
  settle(outcome: ApprovalOutcome): void;
  timer: NodeJS.Timeout;
}

type Emit = (event: string, payload: unknown, options: typeof APPROVERS) => void;

/**
 * Commands waiting for an operator. A request is broadcast as `exec.approval.requested` to the
 * approvers and settles once: resolved (`exec.approval.resolve`, `/approve`), expired (denied),
 * or cancelled (the run stopped or the plugin unloaded). Each end is broadcast as
 * `exec.approval.resolved` so every prompt closes.
 */
export class ApprovalManager implements ExecApprovalService {
  private readonly waiting = new Map<string, Pending>();

  constructor(private readonly emit: Emit) {}

  request(
    fields: Omit<ExecApprovalRequest, 'id' | 'createdAtMs' | 'expiresAtMs'>,
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<ApprovalOutcome> {
    const now = Date.now();
    const request: ExecApprovalRequest = {
      id: crypto.randomUUID(),
      ...fields,
      createdAtMs: now,
      expiresAtMs: now + timeoutMs,
    };
    return new Promise<ApprovalOutcome>((resolve) => {
      const onAbort = () => this.finish(request.id, { decision: 'cancelled' }, 'the run was stopped');
      const pending: Pending = {
        request,
        settle: (outcome) => {
          signal.removeEventListener('abort', onAbort);
          resolve(outcome);
        },
        timer: setTimeout(() => this.finish(request.id, { decision: 'expired' }, 'expired'), timeoutMs),
      };
      this.waiting.set(request.id, pending);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.emit('exec.approval.requested', requestedPayload(request), APPROVERS);
    });
  }

  pending(): ExecApprovalRequest[] {
    return [...this.waiting.values()].map((p) => p.request);
  }

  get(idOrPrefix: string): ExecApprovalRequest | undefined {
    const matches = this.lookup(idOrPrefix);
    return matches.length === 1 ? matches[0]!.request : undefined;
  }

  resolve(idOrPrefix: string, decision: ExecApprovalDecision, resolvedBy: string): ExecApprovalRequest {
    const matches = this.lookup(idOrPrefix);
    if (matches.length === 0)
      throw toolsError(
        'GW_ERR_TOOLS_APPROVAL_NOT_FOUND',
        `no pending approval "${idOrPrefix}": it was decided, expired, or never existed ` +
          '(exec.approval.list shows them)',
      );
    if (matches.length > 1)
      throw toolsError(
        'GW_ERR_TOOLS_APPROVAL_AMBIGUOUS',
        `approval id prefix "${idOrPrefix}" matches ${matches.length} requests ` +
          `(${matches
            .slice(0, 3)
            .map((m) => m.request.id)
            .join(', ')}); use more characters`,
      );
    const { request } = matches[0]!;
    this.finish(request.id, { decision, resolvedBy }, resolvedBy);
    return request;
  }

  /** Settle everything still waiting (the plugin generation is going away). */
  cancelAll(): void {
    for (const id of [...this.waiting.keys()]) this.finish(id, { decision: 'cancelled' }, 'the gateway reloaded tools');
  }

  private lookup(idOrPrefix: string): Pending[] {
    const key = idOrPrefix.trim().toLowerCase();
    if (key.length === 0) return [];
    const exact = this.waiting.get(key);
    if (exact) return [exact];
    // Prefixes (as `/approve 3f2a` types them) need at least 4 characters.
    if (key.length < 4) return [];
    return [...this.waiting.values()].filter((p) => p.request.id.startsWith(key));
  }

  private finish(id: string, outcome: ApprovalOutcome, by: string): void {
    const pending = this.waiting.get(id);
    if (!pending) return;
    this.waiting.delete(id);
    clearTimeout(pending.timer);
    const decision = outcome.decision === 'expired' || outcome.decision === 'cancelled' ? 'deny' : outcome.decision;
    this.emit(
      'exec.approval.resolved',
      {
        id,
        decision,
        resolvedBy: by,
        ...(outcome.decision === 'expired' || outcome.decision === 'cancelled' ? { reason: outcome.decision } : {}),
        ts: Date.now(),
        request: originalRequest(pending.request),
      },
      APPROVERS,
    );
    pending.settle(outcome);
  }
}

/**
 * PROTOCOL.md's flat fields plus the original Moltbot's `request` object and `createdAtMs`, so
 * both kinds of client can show the prompt.
 */
function requestedPayload(r: ExecApprovalRequest) {
  return {
    id: r.id,
    command: r.command,
    cwd: r.cwd,
    sessionKey: r.sessionKey,
    agentId: r.agentId,
    createdAtMs: r.createdAtMs,
    expiresAtMs: r.expiresAtMs,
    request: originalRequest(r),
  };
}

function originalRequest(r: ExecApprovalRequest) {
  return {
    command: r.command,
    ...(r.commandArgv ? { commandArgv: r.commandArgv } : {}),
    cwd: r.cwd,
    host: 'gateway',
    security: r.security,
    ask: r.ask,
    agentId: r.agentId,
    resolvedPath: r.resolvedPath ?? null,
    sessionKey: r.sessionKey ?? null,
  };
}

/** A request as methods return it (no internal fields). */
export function publicRequest(r: ExecApprovalRequest) {
  return requestedPayload(r);
}
