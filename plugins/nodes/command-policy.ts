/**
 * Which node commands the gateway lets operators and the agent invoke (docs/nodes.md "Command
 * policy"): a safe default list per platform, plus `gateway.nodes.allowCommands`, minus
 * `gateway.nodes.denyCommands` (deny wins). A command must also be one the node declared.
 */

const CANVAS = [
  'canvas.present',
  'canvas.hide',
  'canvas.navigate',
  'canvas.eval',
  'canvas.snapshot',
  'canvas.a2ui.push',
  'canvas.a2ui.pushJSONL',
  'canvas.a2ui.reset',
];
const READ_ONLY_PHONE = [
  'camera.list',
  'location.get',
  'device.info',
  'device.status',
  'contacts.search',
  'calendar.events',
  'reminders.list',
  'photos.latest',
  'motion.activity',
  'motion.pedometer',
];
const SYSTEM = ['system.info', 'system.which', 'system.notify', 'system.run', 'browser.proxy'];

/**
 * Commands that record, message or change the user's data: never on by default, on any platform;
 * `gateway.nodes.allowCommands` must name them.
 */
export const OPT_IN_COMMANDS: readonly string[] = [
  'camera.snap',
  'camera.clip',
  'screen.record',
  'contacts.add',
  'calendar.add',
  'reminders.add',
  'sms.send',
];

export type NodePlatform = 'macos' | 'ios' | 'android' | 'linux' | 'windows' | 'unknown';

export const PLATFORM_DEFAULTS: Readonly<Record<NodePlatform, readonly string[]>> = {
  macos: [...CANVAS, ...READ_ONLY_PHONE, ...SYSTEM],
  ios: [...CANVAS, ...READ_ONLY_PHONE, 'system.info', 'system.notify'],
  android: [...CANVAS, ...READ_ONLY_PHONE, 'notifications.list', 'system.info', 'system.notify'],
  linux: [...CANVAS, ...SYSTEM],
  windows: [...CANVAS, ...SYSTEM],
  unknown: [...CANVAS, 'camera.list', 'location.get', 'system.info', 'system.notify'],
};

/** `client.platform` (and `deviceFamily`) as nodes send them → the platform whose defaults apply. */
export function nodePlatform(platform: string | undefined, deviceFamily?: string): NodePlatform {
  const p = (platform ?? '').trim().toLowerCase();
  if (p.startsWith('ios') || p.startsWith('ipados')) return 'ios';
  if (p.startsWith('android')) return 'android';
  if (p.startsWith('mac') || p.startsWith('darwin')) return 'macos';
  if (p.startsWith('win')) return 'windows';
  if (p.startsWith('linux')) return 'linux';
  const f = (deviceFamily ?? '').toLowerCase();
  if (/iphone|ipad|ios/.test(f)) return 'ios';
  if (f.includes('android')) return 'android';
  if (f.includes('mac')) return 'macos';
  return 'unknown';
}

export interface CommandPolicyConfig {
  allowCommands?: readonly string[];
  denyCommands?: readonly string[];
}

/** The commands the gateway allows for a node of this platform. */
export function allowedCommands(config: CommandPolicyConfig, platform: NodePlatform): Set<string> {
  const allow = new Set([...PLATFORM_DEFAULTS[platform], ...(config.allowCommands ?? [])].map((c) => c.trim()));
  for (const c of config.denyCommands ?? []) allow.delete(c.trim());
  allow.delete('');
  return allow;
}

export type CommandVerdict = { ok: true } | { ok: false; reason: 'not-declared' | 'not-allowed' | 'denied' };

/** May `command` be invoked on a node that declared `declared`? Both the node and the gateway must say yes. */
export function checkCommand(
  command: string,
  declared: readonly string[],
  platform: NodePlatform,
  config: CommandPolicyConfig,
): CommandVerdict {
  if (config.denyCommands?.some((c) => c.trim() === command)) return { ok: false, reason: 'denied' };
  if (!allowedCommands(config, platform).has(command)) return { ok: false, reason: 'not-allowed' };
  if (!declared.includes(command)) return { ok: false, reason: 'not-declared' };
  return { ok: true };
}
