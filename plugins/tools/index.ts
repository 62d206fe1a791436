import { type CommandProcess, definePlugin, type ToolInvocation } from '../../sdk/index.js';
import { ApprovalManager } from './approvals/approval-manager.js';
import { registerApprovalMethods } from './approvals/approval-methods.js';
import { ApprovalsStore } from './approvals/approvals-file.js';
import { ToolsPluginConfig } from './config-schema.js';
import { execTool } from './exec/exec-tool.js';
import { startHostCommand } from './exec/host-command.js';
import { ProcessRegistry } from './exec/process-registry.js';
import { processTool } from './exec/process-tool.js';
import { applyPatchTool } from './files/apply-patch-tool.js';
import { editTool } from './files/edit-tool.js';
import type { FileToolDeps } from './files/file-tool-deps.js';
import { globTool, listTool } from './files/list-tools.js';
import { readTool } from './files/read-tool.js';
import { writeTool } from './files/write-tool.js';
import { resolveTarget } from './tool-target.js';
import { webFetchAddressCheck } from './web/address-guard.js';
import { webFetchTool } from './web/web-fetch-tool.js';

export default definePlugin({
  id: 'tools',
  version: '1.0.0',
  sdk: '^1.0.0',
  configKey: ['tools.exec', 'tools.web', 'tools.fs'],
  configSchema: ToolsPluginConfig,
  dependsOn: ['sandbox'],
  description:
    'Agent tools that act: workspace files (read/write/edit/list/glob/apply_patch), exec and process with ' +
    'exec approvals, web_fetch; sandboxed sessions run them in their Docker container.',
  register(_app, ctx) {
    // Parsed once per generation: a config edit that changes allowAddresses reloads the plugin
    // (and the config schema has already refused an entry that is not an address).
    const webAddressCheck = webFetchAddressCheck(ctx.config['tools.web'].fetch.allowAddresses);
    const exec = () => ctx.config['tools.exec'];
    const startOnHost = (command: string | readonly string[], cwd: string, env: Record<string, string>) =>
      startHostCommand({ command, cwd, env }) as Promise<CommandProcess>;
    const target = (invocation: ToolInvocation) => resolveTarget(ctx, invocation, startOnHost);

    const store = new ApprovalsStore(`${ctx.paths.stateDir}/exec-approvals.json`);
    const approvals = new ApprovalManager((event, payload, options) => ctx.events.emit(event, payload, options));
    const registry = new ProcessRegistry(() => ({
      maxOutputBytes: exec().maxOutputBytes,
      cleanupMs: exec().cleanupMs,
    }));
    ctx.events.declare('exec.approval.requested');
    ctx.events.declare('exec.approval.resolved');
    registerApprovalMethods(ctx, approvals, store);
    ctx.services.provide('exec-approvals', approvals);

    const files: FileToolDeps = { target, config: () => ctx.config['tools.fs'] };
    for (const tool of [
      readTool(files),
      writeTool(files),
      editTool(files),
      listTool(files),
      globTool(files),
      applyPatchTool(files),
      execTool({
        config: exec,
        target,
        registry,
        approvals,
        approvalsStore: store,
        env: process.env,
        logger: ctx.logger,
      }),
      processTool(registry),
      webFetchTool(() => ctx.config['tools.web'].fetch, webAddressCheck),
    ])
      ctx.tools.register(tool);

    ctx.lease.defer('deny pending exec approvals', () => approvals.cancelAll());
    ctx.lease.defer('kill background commands', () => registry.killAll());
  },
});
