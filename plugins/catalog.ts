import type { BuiltinPlugin } from '../kernel/host/resolve-plugin.js';

/**
 * The first-party plugins the gateway ships, in load order. Each is switched by its usual
 * Moltbot config key unless `plugins.entries.<id>.enabled` says otherwise. Only bin/ composes
 * this list into the kernel; plugins never import the kernel.
 */
export const BUILTIN_PLUGINS: readonly BuiltinPlugin[] = [
  // Channels (issue 6): the router/queues always run; each channel when its config block is present.
  {
    id: 'delivery',
    configKeys: ['plugins.entries.delivery.config'],
    load: async () => (await import('./delivery/index.js')).default,
    enabledByDefault: () => true,
  },
  {
    id: 'telegram',
    configKeys: ['channels.telegram'],
    load: async () => (await import('./telegram/index.js')).default,
    enabledByDefault: (root) => channelBlockEnabled(root, 'telegram'),
  },
  {
    id: 'whatsapp',
    configKeys: ['channels.whatsapp'],
    load: async () => (await import('./whatsapp/index.js')).default,
    enabledByDefault: (root) => channelBlockEnabled(root, 'whatsapp'),
  },
  // Agent runtime and HTTP APIs (issue 5).
  {
    id: 'agent',
    configKeys: ['agents', 'models', 'messages', 'tools', 'session'],
    load: async () => (await import('./agent/index.js')).default,
    enabledByDefault: () => true,
  },
  {
    id: 'openai-http',
    configKeys: ['gateway.http.endpoints.chatCompletions'],
    load: async () => (await import('./openai-http/index.js')).default,
    enabledByDefault: (root) => httpEndpointEnabled(root, 'chatCompletions'),
  },
  {
    id: 'responses-http',
    configKeys: ['gateway.http.endpoints.responses'],
    load: async () => (await import('./responses-http/index.js')).default,
    enabledByDefault: (root) => httpEndpointEnabled(root, 'responses'),
  },
  // Automation (issue 13): cron on unless `cron.enabled: false`; webhooks only with `hooks.enabled: true`.
  {
    id: 'cron',
    configKeys: ['cron'],
    load: async () => (await import('./cron/index.js')).default,
    enabledByDefault: (root) => (root.cron as { enabled?: unknown } | undefined)?.enabled !== false,
  },
  {
    id: 'hooks',
    configKeys: ['hooks'],
    load: async () => (await import('./hooks/index.js')).default,
    enabledByDefault: (root) => (root.hooks as { enabled?: unknown } | undefined)?.enabled === true,
  },
  {
    id: 'tools-invoke',
    configKeys: ['gateway.http.toolsInvoke'],
    load: async () => (await import('./tools-invoke/index.js')).default,
    enabledByDefault: () => true,
  },
  // The web dashboard (issue 12): on unless gateway.controlUi.enabled is false.
  {
    id: 'control-ui',
    configKeys: ['gateway.controlUi'],
    load: async () => (await import('./control-ui/index.js')).default,
    enabledByDefault: (root) =>
      (root.gateway as { controlUi?: { enabled?: unknown } } | undefined)?.controlUi?.enabled !== false,
  },
  // The agent's screen and its own browser (issue 16), each on a port of its own.
  {
    id: 'canvas',
    configKeys: ['canvasHost'],
    load: async () => (await import('./canvas/index.js')).default,
    enabledByDefault: (root) => !skippedByEnv('CLAWDBOT_SKIP_CANVAS_HOST') && blockEnabled(root, 'canvasHost'),
  },
  {
    id: 'browser',
    configKeys: ['browser'],
    load: async () => (await import('./browser/index.js')).default,
    enabledByDefault: (root) => !skippedByEnv('CLAWDBOT_SKIP_BROWSER_CONTROL_SERVER') && blockEnabled(root, 'browser'),
  },
  // The assistant's hands (issue 15): workspace/exec/web tools with exec approvals, and the Docker sandbox.
  {
    id: 'sandbox',
    configKeys: ['agents', 'tools', 'session'],
    load: async () => (await import('./sandbox/index.js')).default,
    enabledByDefault: () => true,
  },
  {
    id: 'tools',
    configKeys: ['tools.exec', 'tools.web', 'tools.fs'],
    load: async () => (await import('./tools/index.js')).default,
    enabledByDefault: () => true,
  },
  // Devices and nodes (issue 14): pairing methods, the node table, node.invoke, the nodes tool.
  {
    id: 'nodes',
    configKeys: ['gateway.nodes'],
    load: async () => (await import('./nodes/index.js')).default,
    enabledByDefault: () => true,
  },
  // Bonjour/mDNS advertisement (issue 14): on unless discovery.mdns.mode is off; silent on loopback binds.
  {
    id: 'discovery',
    configKeys: ['discovery'],
    load: async () => (await import('./discovery/index.js')).default,
    enabledByDefault: () => true,
  },
];

/** `CLAWDBOT_SKIP_…=1` turns a plugin off unless `plugins.entries.<id>.enabled` says otherwise. */
function skippedByEnv(name: string): boolean {
  const v = process.env[name];
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** `<key>.enabled !== false` (plugins on by default, switched off by their block). */
function blockEnabled(root: Record<string, unknown>, key: string): boolean {
  const block = root[key] as { enabled?: unknown } | undefined;
  return block?.enabled !== false;
}

/** A channel runs when its `channels.<id>` block exists and does not say `enabled: false`. */
function channelBlockEnabled(root: Record<string, unknown>, id: string): boolean {
  const block = (root.channels as Record<string, unknown> | undefined)?.[id];
  return typeof block === 'object' && block !== null && (block as { enabled?: unknown }).enabled !== false;
}

/** `gateway.http.endpoints.<name>.enabled === true` (the HTTP APIs are off by default). */
function httpEndpointEnabled(root: Record<string, unknown>, name: string): boolean {
  const http = (
    root.gateway as { http?: { endpoints?: Record<string, { enabled?: unknown } | undefined> } } | undefined
  )?.http;
  return http?.endpoints?.[name]?.enabled === true;
}
