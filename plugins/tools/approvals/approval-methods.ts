import { type PluginContext, Type } from '../../../sdk/index.js';
import type { ToolsPluginConfigT } from '../config-schema.js';
import { type ApprovalManager, publicRequest } from './approval-manager.js';
import type { ApprovalsStore } from './approvals-file.js';

/** `exec.approvals.get|set` (the file), `exec.approval.resolve|list` (pending requests). */
export function registerApprovalMethods(
  ctx: PluginContext<ToolsPluginConfigT>,
  manager: ApprovalManager,
  store: ApprovalsStore,
): void {
  ctx.methods.register('exec.approvals.get', {
    scope: 'operator.admin',
    params: Type.Object({}, { additionalProperties: false }),
    description: 'The exec approvals file: {path, exists, hash, file}.',
    handler: () => store.snapshot(),
  });

  ctx.methods.register('exec.approvals.set', {
    scope: 'operator.admin',
    params: Type.Object(
      { file: Type.Unknown(), baseHash: Type.Optional(Type.String({ minLength: 1 })) },
      { additionalProperties: false },
    ),
    description: 'Replace the exec approvals file; baseHash (from get) is required when it exists.',
    handler(p) {
      const snapshot = store.replace(p.file, p.baseHash);
      ctx.logger.info({ path: snapshot.path }, 'exec approvals file replaced');
      return snapshot;
    },
  });

  ctx.methods.register('exec.approval.resolve', {
    scope: 'operator.approvals',
    params: Type.Object(
      {
        id: Type.String({ minLength: 1, maxLength: 64 }),
        decision: Type.Union([Type.Literal('allow-once'), Type.Literal('allow-always'), Type.Literal('deny')]),
      },
      { additionalProperties: false },
    ),
    description: 'Decide a pending exec approval (id or a unique prefix of at least 4 characters).',
    handler(p, call) {
      const by = call.caller.deviceId
        ? `${call.caller.clientId}:${call.caller.deviceId.slice(0, 12)}`
        : call.caller.clientId;
      const request = manager.resolve(p.id, p.decision, by);
      ctx.logger.info({ id: request.id, decision: p.decision, by, command: request.command }, 'exec approval resolved');
      return { ok: true, id: request.id, decision: p.decision };
    },
  });

  ctx.methods.register('exec.approval.list', {
    scope: 'operator.approvals',
    params: Type.Object({}, { additionalProperties: false }),
    description: 'Exec approval requests still waiting, oldest first.',
    handler: () => ({ pending: manager.pending().map(publicRequest) }),
  });
}
