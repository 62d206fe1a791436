import type { ToolPolicy } from './tool-policy.js';

/**
 * The sandbox contract between the `sandbox` plugin (Docker) and the tools that run inside it
 * (the `tools` plugin). Paths are container paths; the workspace is mounted at `workdir`.
 */

export type SandboxMode = 'off' | 'non-main' | 'all';
export type SandboxScope = 'session' | 'agent' | 'shared';
export type WorkspaceAccess = 'none' | 'ro' | 'rw';

/** A command started on the host or in a container, as the exec and process tools see it. */
export interface CommandProcess {
  /** Host pid, or the pid inside the container. */
  readonly pid?: number;
  /** Output as it arrives (stdout and stderr). Chunks before the first listener are kept. */
  onOutput(listener: (chunk: Buffer, stream: 'stdout' | 'stderr') => void): void;
  /** Settles when the command has ended. */
  readonly exited: Promise<{ exitCode: number | null; signal?: string }>;
  /** Signal the command and everything it started; SIGKILL after a short grace. */
  kill(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Write to its standard input (undefined when it has none). */
  write?(data: string | Buffer): void;
  /** Close its standard input. */
  endInput?(): void;
}

export interface SandboxEntry {
  /** Container path. */
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
  /** For symlinks: where they point. */
  linkTarget?: string;
}

/** One sandbox container, ready to use. */
export interface SandboxSession {
  containerName: string;
  /** Container path of the workspace (`/workspace`). */
  workdir: string;
  workspaceAccess: WorkspaceAccess;
  /** Container path where the agent workspace is mounted read-only (`/agent`) when access is `ro`. */
  agentMount?: string;
  /** Run argv inside the container (`docker exec`), env from the sandbox config plus `env`. */
  exec(options: { argv: string[]; cwd: string; env?: Record<string, string> }): Promise<CommandProcess>;
  /** Undefined when nothing is there. Symlinks are not followed. */
  stat(path: string): Promise<SandboxEntry | undefined>;
  /** A file's bytes; refuses files over `maxBytes` before reading them. */
  readFile(path: string, maxBytes: number): Promise<Buffer>;
  /** Write files (parents created) in one archive upload: all or nothing. */
  writeFiles(files: ReadonlyArray<{ path: string; content: Buffer }>): Promise<void>;
  /** Entries under `dir` (not following symlinks), at most `maxDepth` levels and `limit` entries. */
  list(dir: string, options: { maxDepth: number; limit: number }): Promise<SandboxEntry[]>;
}

/** Whether a session's tools run in a sandbox, and which config keys decided it. */
export interface SandboxDecision {
  agentId: string;
  sessionKey: string;
  mode: SandboxMode;
  scope: SandboxScope;
  workspaceAccess: WorkspaceAccess;
  /** True when this session's tools run in a container. */
  sandboxed: boolean;
  /** The sandbox's own tool policy layer (applies only when `sandboxed`). */
  toolPolicy: ToolPolicy;
  /** Setting → the config key it came from (or `default`). */
  sources: Record<string, string>;
}

/** Provided by the `sandbox` plugin as service `sandbox`. */
export interface SandboxService {
  decide(agentId: string, sessionKey: string): SandboxDecision;
  /**
   * The session's container, created or reused (and recreated when its config changed). Throws
   * a clear error when Docker is not reachable: tools must refuse, never fall back to the host.
   */
  acquire(agentId: string, sessionKey: string, signal?: AbortSignal): Promise<SandboxSession>;
}
