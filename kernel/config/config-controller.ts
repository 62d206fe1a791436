import fs from 'node:fs';
import path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import type { Logger } from 'pino';
import { GatewayError, kernelError } from '../errors.js';
import type { PluginAction, PluginHost } from '../host/plugin-host.js';
import type { PluginRegistries } from '../host/registries.js';
import type { GatewayPaths } from '../paths.js';
import {
  type ConfigSnapshot,
  hashText,
  parseConfigText,
  type RawConfig,
  readConfigFile,
  serializeConfig,
  writeFileAtomic,
} from './config-file.js';
import type { KernelConfig } from './kernel-schema.js';
import { diffPaths } from './object-path.js';
import { restoreRedacted } from './redact-secrets.js';
import { planReload, type ReloadMode } from './reload-plan.js';
import { type ConfigIssue, formatIssues, validateConfig } from './validate-config.js';

export interface ConfigErrorReport {
  file: string;
  /** Dotted path of the first failing value, when known. */
  path?: string;
  message: string;
  issues?: ConfigIssue[];
  at: number;
}

export interface ApplyResult {
  ok: true;
  hash: string;
  changed: string[];
  restart: boolean;
  restartDeferred: string[];
  plugins: Record<string, PluginAction>;
  warnings: ConfigIssue[];
}

interface ApplyOptions {
  /** Persist the config (atomic, 0600) before it runs. */
  write: boolean;
  /** Refuse unless the running config's hash is this (optimistic concurrency). */
  baseHash?: string;
  /** Hash of the file text the config was read from (watcher). */
  fileHash?: string;
  source: string;
}

export interface ConfigControllerDeps {
  paths: GatewayPaths;
  logger: Logger;
  host: PluginHost;
  registries: PluginRegistries;
  initial: ConfigSnapshot;
  broadcast(event: string, payload: unknown): void;
  applyKernelSettings(root: RawConfig): void;
  restart(reason: string): void;
  onError(): void;
}

/**
 * The config as the gateway runs it. Every change — a file edit seen by the watcher, or a
 * config.set/patch/apply call — goes through `apply`: parse, validate (kernel + the plugins it
 * enables), plan, then write (for calls) and execute. A rejected change keeps the running config.
 */
export class ConfigController {
  current: RawConfig;
  hash: string;
  lastError?: ConfigErrorReport;
  private watcher?: FSWatcher;
  private debounce?: NodeJS.Timeout;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ConfigControllerDeps) {
    this.current = deps.initial.config;
    this.hash = deps.initial.hash;
  }

  get file(): string {
    return this.deps.paths.configPath;
  }

  private get reloadSettings(): { mode: ReloadMode; debounceMs: number } {
    const r = (this.current as KernelConfig).gateway?.reload ?? {};
    return { mode: r.mode ?? 'hybrid', debounceMs: r.debounceMs ?? 300 };
  }

  /**
   * Validate and apply a whole new config. `write` persists it (atomic, 0600) before it runs;
   * `baseHash` refuses the write if the file changed since the caller read it.
   */
  apply(next: RawConfig, options: ApplyOptions): Promise<ApplyResult> {
    const run = this.chain.then(() => this.applyNow(next, options));
    this.chain = run.catch(() => undefined);
    return run;
  }

  applyText(text: string, options: { write: boolean; baseHash?: string; source: string }): Promise<ApplyResult> {
    const parsed = parseConfigText(text, this.file);
    return this.apply(restoreRedacted(parsed, this.current) as RawConfig, options);
  }

  private async applyNow(next: RawConfig, options: ApplyOptions): Promise<ApplyResult> {
    if (options.baseHash && options.baseHash !== this.hash) {
      throw kernelError(
        'GW_ERR_CONFIG_CONFLICT',
        'the config changed since you read it (baseHash does not match); fetch it again with config.get and retry',
        {
          details: { currentHash: this.hash },
        },
      );
    }
    const kernelCheck = validateConfig(next, []);
    const kernelErrors = kernelCheck.issues.filter((i) => i.severity === 'error');
    if (kernelErrors.length) {
      throw kernelError('GW_ERR_CONFIG_INVALID', `invalid config: ${formatIssues(kernelErrors)}`, {
        details: { issues: kernelErrors },
      });
    }
    const host = this.deps.host;
    const before = enabledMap(host, this.current);
    const after = enabledMap(host, next);
    const changed = diffPaths(this.current, next);
    const { mode } = this.reloadSettings;
    const plan = planReload({
      mode: options.source === 'watch' ? mode : mode === 'off' ? 'hybrid' : mode,
      changed,
      before,
      after,
      keysOf: (id) => host.keysOf(id),
    });
    const toPrepare = [...plan.plugins].filter(([, a]) => a !== 'unload').map(([id]) => id);
    const { prepared, issues } = await host.check(next, toPrepare);
    if (issues.length) {
      throw kernelError('GW_ERR_CONFIG_INVALID', `invalid config: ${formatIssues(issues)}`, { details: { issues } });
    }
    const text = serializeConfig(next);
    if (options.write) writeFileAtomic(this.file, text);
    this.current = next;
    this.hash = options.write ? hashText(text) : (options.fileHash ?? this.hash);
    const hadError = this.lastError !== undefined;
    this.lastError = undefined;
    if (hadError) this.deps.onError();
    const warnings = validateConfig(next, host.configParts()).issues.filter((i) => i.severity === 'warning');
    const result: ApplyResult = {
      ok: true,
      hash: this.hash,
      changed,
      restart: plan.restart,
      restartDeferred: plan.restartDeferred,
      plugins: Object.fromEntries(plan.plugins),
      warnings,
    };
    if (changed.length === 0) return result;
    this.deps.logger.info(
      { source: options.source, changed: changed.slice(0, 20), plugins: result.plugins, restart: plan.restart },
      'config applied',
    );
    if (plan.restartDeferred.length) {
      this.deps.logger.warn(
        { paths: plan.restartDeferred },
        `gateway.reload.mode is "${mode}": these changes take effect at the next restart`,
      );
    }
    this.deps.broadcast('config', {
      status: 'applied',
      source: options.source,
      changed,
      plugins: result.plugins,
      restart: plan.restart,
      hash: this.hash,
    });
    if (plan.restart) {
      this.deps.restart(`config change: ${changed.slice(0, 5).join(', ')}`);
      return result;
    }
    if (plan.kernel.length) this.deps.applyKernelSettings(next);
    await host.apply(next, plan.plugins, prepared);
    this.deps.registries.internal.emit('config-applied', { paths: changed });
    return result;
  }

  /**
   * Watch the config file. Resolves
   * once the watcher is ready, so an edit made right after the gateway says it is listening is seen.
   */
  async watch(): Promise<void> {
    // Its folder, filtered to its name: editors that save by renaming a temp file over it, and
    // a file that is deleted and created again, are seen (watching the file alone missed edits
    // after some replacements). The state dir's busy files live in subfolders (store/, logs/),
    // whose writes do not wake a depth-0 watch.
    const file = path.resolve(this.file);
    const dir = path.dirname(file);
    this.watcher = watch(dir, {
      ignoreInitial: true,
      depth: 0,
      ignored: (p: string) => path.resolve(p) !== dir && path.resolve(p) !== file,
    });
    const onEvent = () => {
      if (this.debounce) clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.onFileChanged(), this.reloadSettings.debounceMs);
    };
    this.watcher.on('add', onEvent).on('change', onEvent).on('unlink', onEvent);
    this.watcher.on('error', (err) => this.deps.logger.warn({ err }, 'config watcher error'));
    await new Promise<void>((resolve) => this.watcher!.once('ready', () => resolve()));
    // An edit that landed between reading the config and the watcher being ready.
    if (fileHashNow(this.file) !== this.hash) onEvent();
  }

  async close(): Promise<void> {
    if (this.debounce) clearTimeout(this.debounce);
    await this.watcher?.close();
    this.watcher = undefined;
    await this.chain.catch(() => undefined);
  }

  private async onFileChanged(): Promise<void> {
    if (this.reloadSettings.mode === 'off') return;
    let snapshot: ConfigSnapshot;
    try {
      snapshot = readConfigFile(this.file);
    } catch (err) {
      this.reject(err);
      return;
    }
    if (!snapshot.exists) {
      this.reject(
        kernelError(
          'GW_ERR_CONFIG_PARSE',
          `${this.file} was removed; the gateway keeps running on the last good config`,
        ),
      );
      return;
    }
    try {
      // Applied even when it is our own write (a generated token, config.set): an unchanged
      // config is a no-op, so there is no reload loop — and a hash check alone raced with an
      // edit still being applied.
      await this.apply(snapshot.config, { write: false, source: 'watch', fileHash: snapshot.hash });
    } catch (err) {
      this.reject(err);
    }
  }

  private reject(err: unknown): void {
    const e = err instanceof GatewayError ? err : kernelError('GW_ERR_CONFIG_INVALID', (err as Error).message);
    const issues = (e.details as { issues?: ConfigIssue[] } | undefined)?.issues;
    this.lastError = { file: this.file, path: issues?.[0]?.path, message: e.message, issues, at: Date.now() };
    this.deps.logger.error(
      { file: this.file, path: this.lastError.path, code: e.code },
      `config change rejected, still running the last good config: ${e.message}`,
    );
    this.deps.broadcast('config', {
      status: 'rejected',
      error: { code: e.wire, message: e.message, path: this.lastError.path, file: this.file },
    });
    this.deps.onError();
  }
}

function fileHashNow(file: string): string | undefined {
  try {
    return hashText(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function enabledMap(host: PluginHost, root: RawConfig): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const [id, w] of host.desired(root)) out.set(id, w.enabled);
  return out;
}
