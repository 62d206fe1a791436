import path from 'node:path';
import { watch } from 'chokidar';
import { GatewayError, kernelError } from '../errors.js';
import { hashText, parseConfigText, readConfigFile, serializeConfig, writeFileAtomic } from './config-file.js';
import { diffPaths } from './object-path.js';
import { planReload } from './reload-plan.js';
import { restoreRedacted } from './redact-secrets.js';
import { formatIssues, validateConfig } from './validate-config.js';
/**
 * The config as the gateway runs it. Every change — a file edit seen by the watcher, or a
 * config.set/patch/apply call — goes through `apply`: parse, validate (kernel + the plugins it
 * enables), plan, then write (for calls) and execute. A rejected change keeps the running config.
 */
export class ConfigController {
    deps;
    current;
    hash;
    lastError;
    watcher;
    debounce;
    chain = Promise.resolve();
    constructor(deps) {
        this.deps = deps;
        this.current = deps.initial.config;
        this.hash = deps.initial.hash;
    }
    get file() {
        return this.deps.paths.configPath;
    }
    get reloadSettings() {
        const r = this.current.gateway?.reload ?? {};
        return { mode: r.mode ?? 'hybrid', debounceMs: r.debounceMs ?? 300 };
    }
    /**
     * Validate and apply a whole new config. `write` persists it (atomic, 0600) before it runs;
     * `baseHash` refuses the write if the file changed since the caller read it.
     */
    apply(next, options) {
        const run = this.chain.then(() => this.applyNow(next, options));
        this.chain = run.catch(() => undefined);
        return run;
    }
    applyText(text, options) {
        const parsed = parseConfigText(text, this.file);
        return this.apply(restoreRedacted(parsed, this.current), options);
    }
    async applyNow(next, options) {
        if (options.baseHash && options.baseHash !== this.hash) {
            throw kernelError('GW_ERR_CONFIG_CONFLICT', 'the config changed since you read it (baseHash does not match); fetch it again with config.get and retry', {
                details: { currentHash: this.hash },
            });
        }
        const kernelCheck = validateConfig(next, []);
        const kernelErrors = kernelCheck.issues.filter((i) => i.severity === 'error');
        if (kernelErrors.length) {
            throw kernelError('GW_ERR_CONFIG_INVALID', `invalid config: ${formatIssues(kernelErrors)}`, { details: { issues: kernelErrors } });
        }
        const host = this.deps.host;
        const before = enabledMap(host, this.current);
        const after = enabledMap(host, next);
        const changed = diffPaths(this.current, next);
        const { mode } = this.reloadSettings;
        const plan = planReload({ mode: options.source === 'watch' ? mode : mode === 'off' ? 'hybrid' : mode, changed, before, after, keysOf: (id) => host.keysOf(id) });
        const toPrepare = [...plan.plugins].filter(([, a]) => a !== 'unload').map(([id]) => id);
        const { prepared, issues } = await host.check(next, toPrepare);
        if (issues.length) {
            throw kernelError('GW_ERR_CONFIG_INVALID', `invalid config: ${formatIssues(issues)}`, { details: { issues } });
        }
        const text = serializeConfig(next);
        if (options.write)
            writeFileAtomic(this.file, text);
        const previous = this.current;
        this.current = next;
        this.hash = options.write ? hashText(text) : this.hash;
        const hadError = this.lastError !== undefined;
        this.lastError = undefined;
        if (hadError)
            this.deps.onError();
        const warnings = validateConfig(next, host.configParts()).issues.filter((i) => i.severity === 'warning');
        const result = {
            ok: true,
            hash: this.hash,
            changed,
            restart: plan.restart,
            restartDeferred: plan.restartDeferred,
            plugins: Object.fromEntries(plan.plugins),
            warnings,
        };
        if (changed.length === 0)
            return result;
        this.deps.logger.info({ source: options.source, changed: changed.slice(0, 20), plugins: result.plugins, restart: plan.restart }, 'config applied');
        if (plan.restartDeferred.length) {
            this.deps.logger.warn({ paths: plan.restartDeferred }, `gateway.reload.mode is "${mode}": these changes take effect at the next restart`);
        }
        this.deps.broadcast('config', { status: 'applied', source: options.source, changed, plugins: result.plugins, restart: plan.restart, hash: this.hash });
        if (plan.restart) {
            this.deps.restart(`config change: ${changed.slice(0, 5).join(', ')}`);
            return result;
        }
        if (plan.kernel.length)
            this.deps.applyKernelSettings(next);
        await host.apply(next, plan.plugins, prepared);
        this.deps.registries.internal.emit('config-applied', { paths: changed });
        void previous;
        return result;
    }
    /**
     * Watch the config file (its folder, so editors that replace by rename are seen). Resolves
     * once the watcher is ready, so an edit made right after the gateway says it is listening is seen.
     */
    async watch() {
        if (process.env.BENCH_EXP_NO_WATCH) return;
        const file = path.resolve(this.file);
        const dir = path.dirname(file);
        this.watcher = watch(dir, {
            ignoreInitial: true,
            depth: 0,
            ignored: (p) => path.resolve(p) !== dir && path.resolve(p) !== file,
            awaitWriteFinish: false,
        });
        const onEvent = () => {
            if (this.debounce)
                clearTimeout(this.debounce);
            this.debounce = setTimeout(() => void this.onFileChanged(), this.reloadSettings.debounceMs);
        };
        this.watcher.on('add', onEvent).on('change', onEvent).on('unlink', onEvent);
        this.watcher.on('error', (err) => this.deps.logger.warn({ err }, 'config watcher error'));
        await new Promise((resolve) => this.watcher.once('ready', () => resolve()));
        // An edit that landed between reading the config and the watcher being ready.
        if (readConfigFile(this.file).hash !== this.hash)
            onEvent();
    }
    async close() {
        if (this.debounce)
            clearTimeout(this.debounce);
        await this.watcher?.close();
        this.watcher = undefined;
        await this.chain.catch(() => undefined);
    }
    async onFileChanged() {
        if (this.reloadSettings.mode === 'off')
            return;
        let snapshot;
        try {
            snapshot = readConfigFile(this.file);
        }
        catch (err) {
            this.reject(err);
            return;
        }
        // Our own writes (a generated token, config.set) land here too: same content, nothing to do.
        if (snapshot.hash === this.hash)
            return;
        if (!snapshot.exists) {
            this.reject(kernelError('GW_ERR_CONFIG_PARSE', `${this.file} was removed; the gateway keeps running on the last good config`));
            return;
        }
        try {
            await this.apply(snapshot.config, { write: false, source: 'watch' });
            this.hash = snapshot.hash;
        }
        catch (err) {
            this.hash = snapshot.hash;
            this.reject(err);
        }
    }
    reject(err) {
        const e = err instanceof GatewayError ? err : kernelError('GW_ERR_CONFIG_INVALID', err.message);
        const issues = e.details?.issues;
        this.lastError = { file: this.file, path: issues?.[0]?.path, message: e.message, issues, at: Date.now() };
        this.deps.logger.error({ file: this.file, path: this.lastError.path, code: e.code }, `config change rejected, still running the last good config: ${e.message}`);
        this.deps.broadcast('config', { status: 'rejected', error: { code: e.wire, message: e.message, path: this.lastError.path, file: this.file } });
        this.deps.onError();
    }
}
function enabledMap(host, root) {
    const out = new Map();
    for (const [id, w] of host.desired(root))
        out.set(id, w.enabled);
    return out;
}
//# sourceMappingURL=config-controller.js.map