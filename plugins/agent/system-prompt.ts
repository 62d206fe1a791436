import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const DEFAULT_PROMPT =
  'You are a helpful personal assistant. Answer concisely. Use the tools you are given when they help.';
const MAX_AGENTS_MD_BYTES = 64 * 1024;

export function expandHome(dir: string): string {
  return dir === '~' || dir.startsWith('~/') ? path.join(os.homedir(), dir.slice(1)) : dir;
}

/**
 * The system prompt of a run: the agent's prompt (or the default), the workspace's AGENTS.md
 * when present (read fresh each run so edits apply at once, capped at 64 KiB), then the
 * request's extra prompt.
 */
export function buildSystemPrompt(parts: {
  agentPrompt?: string;
  workspaceDir: string;
  extra?: string;
  agentId: string;
  agentName?: string;
}): string {
  const sections = [parts.agentPrompt?.trim() || DEFAULT_PROMPT];
  sections.push(
    `You are agent "${parts.agentName ?? parts.agentId}" (id ${parts.agentId}). Workspace: ${parts.workspaceDir}.`,
  );
  const agentsMd = readAgentsMd(parts.workspaceDir);
  if (agentsMd) sections.push(`# AGENTS.md (from the workspace)\n\n${agentsMd}`);
  if (parts.extra?.trim()) sections.push(parts.extra.trim());
  return sections.join('\n\n');
}

function readAgentsMd(dir: string): string | undefined {
  const file = path.join(dir, 'AGENTS.md');
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(MAX_AGENTS_MD_BYTES);
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      return buf.subarray(0, n).toString('utf8').trim() || undefined;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
