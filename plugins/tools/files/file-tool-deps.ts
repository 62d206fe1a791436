import type { ToolInvocation } from '../../../sdk/index.js';
import type { FsConfigT } from '../config-schema.js';
import { toolsError } from '../errors.js';
import type { ToolTarget } from '../tool-target.js';
import type { WorkspaceFs } from '../workspace/workspace-fs.js';

/** What every file tool needs: where the call acts and the current limits. */
export interface FileToolDeps {
  target(invocation: ToolInvocation): Promise<ToolTarget>;
  config(): FsConfigT;
}

/** Refuse a write on a read-only workspace (`workspaceAccess: "ro"`). */
export function assertWritable(fs: WorkspaceFs, tool: string): void {
  if (fs.readOnly)
    throw toolsError(
      'GW_ERR_TOOLS_READ_ONLY',
      `${tool} is disabled: this sandbox mounts the agent workspace read-only (workspaceAccess "ro")`,
    );
}

/** UTF-8 text, or GW_ERR_TOOLS_BINARY_FILE for NUL bytes or invalid UTF-8. */
export function decodeText(bytes: Buffer, rel: string): string {
  const probe = bytes.subarray(0, 8192);
  const binary = probe.includes(0) ? 'NUL bytes' : undefined;
  let text: string | undefined;
  if (!binary) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // fall through: not UTF-8
    }
  }
  if (text === undefined)
    throw toolsError(
      'GW_ERR_TOOLS_BINARY_FILE',
      `${rel} looks binary (${binary ?? 'not valid UTF-8'}); the file tools handle text only — inspect it with exec ` +
        '(file, xxd, head -c)',
      { details: { path: rel } },
    );
  return text;
}
