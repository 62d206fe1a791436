/** One thing `moltbot doctor` noticed, with what fixes it (and, when it is safe, the fix itself). */
export interface Finding {
  /** Stable id of the check, e.g. `file-mode`, `token-strength`. */
  check: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** What the user (or --fix) should do. */
  fix?: string;
  /** Applied by `doctor --fix`; absent when only a person can fix it. */
  repair?: () => void | Promise<void>;
  fixed?: boolean;
  /** Why --fix could not apply the repair. */
  fixError?: string;
}

export interface DoctorContext {
  paths: import('../../kernel/paths.js').GatewayPaths;
  env: NodeJS.ProcessEnv;
  config: Record<string, unknown>;
  configExists: boolean;
  readError?: string;
  port: number;
  bind: string;
  /** A `moltbot …` command line that runs from here with this profile (kernel/cli-command.ts). */
  hint(args: string): string;
}
