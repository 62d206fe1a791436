import { addressRangeProblem, type Static, Type } from '../../sdk/index.js';

/** `tools.exec`: host command execution and its approvals (names as in the original Moltbot). */
export const ExecConfig = Type.Object(
  {
    security: Type.Union([Type.Literal('deny'), Type.Literal('allowlist'), Type.Literal('full')], {
      default: 'allowlist',
      description: 'Host exec: deny all, allow allowlisted commands (others ask), or allow everything.',
    }),
    ask: Type.Union([Type.Literal('off'), Type.Literal('on-miss'), Type.Literal('always')], {
      default: 'on-miss',
      description: 'When to ask an operator: never, when the allowlist does not match, or every time.',
    }),
    approvalTimeoutSeconds: Type.Integer({
      minimum: 1,
      maximum: 3600,
      default: 120,
      description: 'An approval request not decided within this time is denied.',
    }),
    timeoutSec: Type.Integer({
      minimum: 1,
      maximum: 86_400,
      default: 1800,
      description: 'Default command timeout (the tool call may ask for less or more).',
    }),
    backgroundMs: Type.Integer({
      minimum: 0,
      maximum: 3_600_000,
      default: 10_000,
      description: 'A command still running after this long moves to the background (0: never).',
    }),
    maxOutputBytes: Type.Integer({
      minimum: 1024,
      maximum: 4_194_304,
      default: 65_536,
      description: 'Output kept per command: its head and tail, the middle dropped and counted.',
    }),
    cleanupMs: Type.Integer({
      minimum: 1000,
      maximum: 86_400_000,
      default: 1_800_000,
      description: 'Finished background sessions are forgotten after this long.',
    }),
    passEnv: Type.Array(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), {
      default: [],
      description: "Extra variable names copied from the gateway's environment (gateway secrets never are).",
    }),
    env: Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Type.String(), {
      default: {},
      description: 'Fixed variables added to every command.',
    }),
  },
  // Open: other Moltbot keys (host, node, safeBins, notifyOnExit, …) load and are ignored.
  { default: {} },
);

/** `tools.web`: the web_fetch tool. */
export const WebConfig = Type.Object(
  {
    fetch: Type.Object(
      {
        enabled: Type.Boolean({ default: true }),
        allowPrivate: Type.Boolean({
          default: false,
          description: 'Allow loopback, link-local and private addresses (checked after DNS resolution).',
        }),
        allowAddresses: Type.Array(
          // Checked by the SDK's parser when the config is validated, so a bad entry refuses the
          // edit (the running config stays) with a message naming the entry and a valid example.
          Type.Refine(
            Type.String({ description: 'An address or CIDR range, e.g. "192.168.1.20" or "10.0.0.0/8".' }),
            (entry) => addressRangeProblem(entry) === undefined,
            (entry) => addressRangeProblem(entry) ?? '',
          ),
          {
            default: [],
            maxItems: 64,
            description:
              'Private addresses web_fetch may reach although allowPrivate is off (a NAS or wiki on the LAN); ' +
              'everything else non-public stays refused, on every redirect hop too.',
          },
        ),
        maxChars: Type.Integer({ minimum: 100, maximum: 1_000_000, default: 50_000 }),
        maxBytes: Type.Integer({
          minimum: 1024,
          maximum: 52_428_800,
          default: 2_097_152,
          description: 'Response bodies larger than this are cut off (reported as truncated).',
        }),
        timeoutSeconds: Type.Integer({ minimum: 1, maximum: 300, default: 30 }),
        maxRedirects: Type.Integer({ minimum: 0, maximum: 20, default: 3 }),
        userAgent: Type.String({ default: 'Mozilla/5.0 (compatible; Moltbot/1.0; +web_fetch)' }),
        readability: Type.Boolean({
          default: true,
          description: "Extract the page's main content (Readability) before converting it to markdown.",
        }),
      },
      { default: {}, additionalProperties: false },
    ),
    // `tools.web.search` belongs to a search tool this gateway does not ship; accepted and ignored.
    search: Type.Optional(Type.Unknown()),
  },
  { default: {} },
);

/** `tools.fs`: the workspace file tools. */
export const FsConfig = Type.Object(
  {
    maxReadBytes: Type.Integer({
      minimum: 1024,
      maximum: 52_428_800,
      default: 262_144,
      description: 'Files larger than this are read in line ranges only (offset/limit).',
    }),
    maxWriteBytes: Type.Integer({ minimum: 1024, maximum: 52_428_800, default: 4_194_304 }),
  },
  { default: {}, additionalProperties: false },
);

export const ToolsPluginConfig = Type.Object({
  'tools.exec': ExecConfig,
  'tools.web': WebConfig,
  'tools.fs': FsConfig,
});

export type ToolsPluginConfigT = Static<typeof ToolsPluginConfig>;
export type ExecConfigT = Static<typeof ExecConfig>;
export type WebFetchConfigT = Static<typeof WebConfig>['fetch'];
export type FsConfigT = Static<typeof FsConfig>;
