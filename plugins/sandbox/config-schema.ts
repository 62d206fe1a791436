import { type Static, Type } from '../../sdk/index.js';

const Str = Type.String({ minLength: 1 });
const ToolList = Type.Array(Str);
const ToolPolicy = Type.Object({ allow: Type.Optional(ToolList), deny: Type.Optional(ToolList) });

/** `…sandbox.docker`: how containers are made (names as in the original Moltbot). */
export const DockerSettings = Type.Object({
  image: Type.Optional(Str),
  containerPrefix: Type.Optional(Type.String({ pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]*$', maxLength: 40 })),
  workdir: Type.Optional(Type.String({ pattern: '^/' })),
  readOnlyRoot: Type.Optional(Type.Boolean()),
  tmpfs: Type.Optional(Type.Array(Type.String({ pattern: '^/' }))),
  network: Type.Optional(Str),
  user: Type.Optional(Str),
  capDrop: Type.Optional(Type.Array(Str)),
  env: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Type.String())),
  setupCommand: Type.Optional(Type.String()),
  pidsLimit: Type.Optional(Type.Integer({ minimum: 1 })),
  memory: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]+[bkmgBKMG]?$' }), Type.Integer({ minimum: 1 })])),
  memorySwap: Type.Optional(Type.Union([Type.String({ pattern: '^-?[0-9]+[bkmgBKMG]?$' }), Type.Integer()])),
  cpus: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  binds: Type.Optional(Type.Array(Type.String({ pattern: '^[^:]+:/[^:]*(:(ro|rw|z|Z|ro,z|rw,z))?$' }))),
  dns: Type.Optional(Type.Array(Str)),
  extraHosts: Type.Optional(Type.Array(Str)),
});

/** `agents.defaults.sandbox` / `agents.list[].sandbox`. Defaults are applied in sandbox-settings.ts. */
export const SandboxSettings = Type.Object({
  mode: Type.Optional(Type.Union([Type.Literal('off'), Type.Literal('non-main'), Type.Literal('all')])),
  scope: Type.Optional(Type.Union([Type.Literal('session'), Type.Literal('agent'), Type.Literal('shared')])),
  /** Older Moltbot spelling of scope: true = session, false = shared. */
  perSession: Type.Optional(Type.Boolean()),
  workspaceAccess: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('ro'), Type.Literal('rw')])),
  workspaceRoot: Type.Optional(Str),
  docker: Type.Optional(DockerSettings),
  prune: Type.Optional(
    Type.Object({
      idleHours: Type.Optional(Type.Number({ minimum: 0 })),
      maxAgeDays: Type.Optional(Type.Number({ minimum: 0 })),
    }),
  ),
  // The sandboxed browser is not part of this gateway; accepted and ignored.
  browser: Type.Optional(Type.Unknown()),
});

/**
 * The sandbox reads (and validates) only the sandbox parts of `agents`, `tools` and
 * `session.mainKey`; everything else under those keys belongs to the agent and tools plugins.
 */
export const SandboxPluginConfig = Type.Object({
  agents: Type.Object({
    defaults: Type.Optional(Type.Object({ sandbox: Type.Optional(SandboxSettings), workspace: Type.Optional(Str) })),
    list: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.String(),
          workspace: Type.Optional(Str),
          sandbox: Type.Optional(SandboxSettings),
          tools: Type.Optional(
            Type.Object({
              allow: Type.Optional(ToolList),
              deny: Type.Optional(ToolList),
              sandbox: Type.Optional(Type.Object({ tools: Type.Optional(ToolPolicy) })),
            }),
          ),
        }),
      ),
    ),
  }),
  // `tools.allow|deny` are read (not owned) so `sandbox.explain` can show the whole policy.
  tools: Type.Object({
    allow: Type.Optional(ToolList),
    deny: Type.Optional(ToolList),
    sandbox: Type.Optional(Type.Object({ tools: Type.Optional(ToolPolicy) })),
  }),
  session: Type.Object({ mainKey: Type.Optional(Str) }),
});

export type SandboxPluginConfigT = Static<typeof SandboxPluginConfig>;
export type SandboxSettingsT = Static<typeof SandboxSettings>;
export type DockerSettingsT = Static<typeof DockerSettings>;
