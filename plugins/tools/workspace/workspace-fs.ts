/**
 * What the file tools need from a workspace, wherever it lives: on the host (`HostWorkspace`)
 * or inside a sandbox container (`ContainerWorkspace`). Paths given to these methods are the
 * tool's own arguments; each implementation confines them to its root.
 */
export interface WorkspaceEntry {
  /** Path relative to the workspace root, `/`-separated. */
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
}

export interface WorkspaceFs {
  /** Where the root is, as the model should name it (a host folder or `/workspace`). */
  readonly root: string;
  /** Write tools refuse (`workspaceAccess: "ro"` keeps the agent workspace read-only). */
  readonly readOnly: boolean;
  /** The path relative to the root, `..`/absolute-outside refused (GW_ERR_TOOLS_PATH_OUTSIDE). */
  relative(input: string): string;
  /** What is at the path (symlinks inside the root followed, leading out refused); undefined when nothing. */
  stat(input: string): Promise<WorkspaceEntry | undefined>;
  /** A regular file's bytes; larger than `maxBytes` → GW_ERR_TOOLS_FILE_TOO_LARGE. */
  readFile(input: string, maxBytes: number): Promise<Buffer>;
  /** Write every file or none (parents created). */
  writeFiles(files: ReadonlyArray<{ path: string; content: Buffer }>): Promise<void>;
  /** Delete files (not folders); missing ones are ignored. */
  removeFiles(inputs: readonly string[]): Promise<void>;
  /** Entries under a folder, depth-first, symlinks listed but not followed. */
  list(input: string, options: { maxDepth: number; limit: number }): Promise<WorkspaceEntry[]>;
}
