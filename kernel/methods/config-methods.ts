import Type from 'typebox';
import type { MethodRegistry } from '../bus/method-registry.js';
import { parseConfigText, type RawConfig } from '../config/config-file.js';
import { KernelConfigSchema } from '../config/kernel-schema.js';
import { isPlainObject, mergePatch } from '../config/object-path.js';
import { redactSecrets, restoreRedacted } from '../config/redact-secrets.js';
import { kernelError } from '../errors.js';
import type { CoreMethodDeps } from './core-method-deps.js';

const BaseHash = Type.Optional(
  Type.String({ minLength: 1, description: 'hash from config.get; refuses the write if the file changed since' }),
);
const DryRun = Type.Optional(
  Type.Boolean({ description: 'validate and return the reload plan without writing or applying anything' }),
);

/**
 * config.get / schema / set / patch / apply. Writes are validated (kernel + the plugins the
 * config enables) before an atomic 0600 write; a refused write changes nothing.
 */
/**
 * What existing clients send beside a config write: `sessionKey` and `note` (their agent's
 * `gateway` tool says who asked, for the restart message) and `restartDelayMs`.
 */
const AFTER_WRITE = {
  sessionKey: Type.Optional(Type.String({ maxLength: 256 })),
  note: Type.Optional(Type.String({ maxLength: 4096 })),
  restartDelayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000 })),
};

export function registerConfigMethods(methods: MethodRegistry, deps: CoreMethodDeps): void {
  methods.register('kernel', 'config.get', {
    scope: 'operator.read',
    params: Type.Object({}),
    description: 'The running config with secrets redacted, its hash, and the last rejected edit.',
    handler: () => {
      const config = redactSecrets(deps.config.current);
      const error = deps.config.lastError;
      return {
        path: deps.config.file,
        exists: true,
        hash: deps.config.hash,
        valid: error === undefined,
        config,
        // Existing clients' config editors read these names: the text is the running config as
        // JSON with secrets redacted (the file itself may hold secrets, so it is never sent).
        raw: `${JSON.stringify(config, null, 2)}\n`,
        parsed: config,
        issues: error ? [{ path: error.path ?? '', message: error.message }] : [],
        warnings: [],
        ...(error ? { error } : {}),
      };
    },
  });
  methods.register('kernel', 'config.schema', {
    scope: 'operator.read',
    params: Type.Object({}),
    description: 'JSON schema of the config: the kernel part and each plugin part.',
    handler: async () => ({ kernel: KernelConfigSchema, plugins: await deps.host.schemaParts() }),
  });
  methods.register('kernel', 'config.set', {
    scope: 'operator.admin',
    params: Type.Object(
      {
        raw: Type.String({ maxLength: 1_048_576, description: 'the whole config as JSON5 text' }),
        baseHash: BaseHash,
        dryRun: DryRun,
      },
      { additionalProperties: false },
    ),
    description: 'Replace the whole config (JSON5 text); with dryRun, only validate and plan.',
    handler: async (p) =>
      deps.config.applyText(p.raw, { write: true, baseHash: p.baseHash, dryRun: p.dryRun, source: 'config.set' }),
  });
  methods.register('kernel', 'config.patch', {
    scope: 'operator.admin',
    params: Type.Object(
      {
        patch: Type.Optional(
          Type.Record(Type.String(), Type.Unknown(), { description: 'RFC 7396 merge patch; null deletes' }),
        ),
        raw: Type.Optional(Type.String({ maxLength: 1_048_576, description: 'the merge patch as JSON5 text' })),
        baseHash: BaseHash,
        dryRun: DryRun,
        ...AFTER_WRITE,
      },
      { additionalProperties: false },
    ),
    description: 'Merge-patch the config (RFC 7396: objects merge, null deletes); with dryRun, only validate and plan.',
    handler: async (p) => {
      const patch = p.patch ?? (p.raw !== undefined ? parseConfigText(p.raw, 'params.raw') : undefined);
      if (!isPlainObject(patch))
        throw kernelError(
          'GW_ERR_PARAMS_INVALID',
          'config.patch needs params.patch (an object) or params.raw (JSON5 object text)',
        );
      const next = mergePatch(deps.config.current, restoreRedacted(patch, deps.config.current)) as RawConfig;
      return deps.config.apply(next, { write: true, baseHash: p.baseHash, dryRun: p.dryRun, source: 'config.patch' });
    },
  });
  methods.register('kernel', 'config.apply', {
    scope: 'operator.admin',
    params: Type.Object(
      {
        raw: Type.String({ maxLength: 1_048_576 }),
        baseHash: BaseHash,
        ...AFTER_WRITE,
      },
      { additionalProperties: false },
    ),
    description: 'Replace the whole config and restart the gateway in-process.',
    handler: async (p) => {
      const parsed = restoreRedacted(parseConfigText(p.raw, 'params.raw'), deps.config.current) as RawConfig;
      // Validate and write without hot-applying: the restart applies everything at once.
      const result = await deps.config.apply(parsed, { write: true, baseHash: p.baseHash, source: 'config.apply' });
      const restartExpectedMs = result.restart ? 1500 : deps.restart('config.apply', p.restartDelayMs ?? 0);
      return { ...result, restart: true, restartExpectedMs };
    },
  });
}
