import fs from 'node:fs';
import path from 'node:path';
import { HEARTBEAT_TOKEN } from './heartbeat-reply.js';

export const DEFAULT_HEARTBEAT_PROMPT =
  'Heartbeat: check whether anything needs your attention now. Follow HEARTBEAT.md (below, when the ' +
  'workspace has one) strictly, and do not bring up old tasks from earlier chats on your own. ' +
  `If nothing needs attention, reply exactly ${HEARTBEAT_TOKEN}.`;

const MAX_HEARTBEAT_MD_BYTES = 64 * 1024;

/** HEARTBEAT.md of the workspace (capped at 64 KiB), or undefined when there is none. */
export function readHeartbeatFile(workspaceDir: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(path.join(workspaceDir, 'HEARTBEAT.md'), 'r');
    const buf = Buffer.alloc(MAX_HEARTBEAT_MD_BYTES);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * A file with nothing to act on: only blank lines, headings, HTML comments and empty list
 * items. Periodic heartbeats skip the model call then (unless system lines wait).
 */
export function isEffectivelyEmpty(text: string): boolean {
  const withoutComments = text.replace(/<!--[\s\S]*?-->/g, '');
  return withoutComments
    .split('\n')
    .map((l) => l.trim())
    .every((l) => l === '' || /^#+(\s|$)/.test(l) || /^[-*+](\s+\[[ xX]?\])?\s*$/.test(l));
}

/** The heartbeat turn's message: the prompt, then HEARTBEAT.md when there is one. */
export function heartbeatMessage(prompt: string | undefined, heartbeatFile: string | undefined): string {
  const parts = [prompt?.trim() || DEFAULT_HEARTBEAT_PROMPT];
  if (heartbeatFile?.trim()) parts.push(`# HEARTBEAT.md (from the workspace)\n\n${heartbeatFile.trim()}`);
  return parts.join('\n\n');
}
