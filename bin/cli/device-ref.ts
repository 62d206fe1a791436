import { CliError } from './cli-error.js';

/** A device id as typed: the full 64 hex digits, or a prefix of 6+ that names one known device. */
export function resolveDeviceId(ref: string, known: ReadonlyArray<{ deviceId: string }>): string {
  const wanted = ref.trim().toLowerCase();
  if (/^[0-9a-f]{64}$/.test(wanted)) return wanted;
  if (!/^[0-9a-f]{6,63}$/.test(wanted))
    throw new CliError(
      'GW_ERR_CLI_INVALID_VALUE',
      `"${ref}" is not a device id: give its 64 hex digits or a prefix of at least 6 (moltbot devices list)`,
    );
  const ids = [...new Set(known.map((d) => d.deviceId).filter((id) => id.startsWith(wanted)))];
  if (ids.length === 1) return ids[0]!;
  throw new CliError(
    'GW_ERR_CLI_INVALID_VALUE',
    ids.length
      ? `"${ref}" names several devices (${ids.map((i) => i.slice(0, 12)).join(', ')}): give more digits`
      : `no paired device starts with "${ref}" (moltbot devices list)`,
  );
}
