/** The exec approval contract (`tools` plugin), for clients inside the gateway such as `/approve`. */

export type ExecApprovalDecision = 'allow-once' | 'allow-always' | 'deny';

/** One command waiting for an operator's decision. */
export interface ExecApprovalRequest {
  id: string;
  /** The command as the model wrote it (shell string or argv joined). */
  command: string;
  commandArgv?: string[];
  cwd: string;
  agentId: string;
  sessionKey?: string;
  runId?: string;
  /** The channel conversation the run serves, when it came from one (who may answer there). */
  origin?: { channel: string; accountId: string; chatId: string; chatType: 'direct' | 'group'; senderId: string };
  security: string;
  ask: string;
  /** Absolute path of the program, when it was found on PATH. */
  resolvedPath?: string;
  createdAtMs: number;
  expiresAtMs: number;
}

/** Provided by the `tools` plugin as service `exec-approvals`. */
export interface ExecApprovalService {
  /** Requests still waiting, oldest first. */
  pending(): ExecApprovalRequest[];
  /** A pending request by id or unique id prefix (undefined when unknown or expired). */
  get(idOrPrefix: string): ExecApprovalRequest | undefined;
  /**
   * Decide a pending request (id or unique prefix). Throws a PluginError when it is unknown,
   * expired or the prefix is ambiguous. `resolvedBy` is recorded and broadcast.
   */
  resolve(idOrPrefix: string, decision: ExecApprovalDecision, resolvedBy: string): ExecApprovalRequest;
}
