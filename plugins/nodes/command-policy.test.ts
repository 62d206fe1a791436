import { describe, expect, it } from 'vitest';
import { allowedCommands, checkCommand, nodePlatform, OPT_IN_COMMANDS, PLATFORM_DEFAULTS } from './command-policy.js';

describe('node command policy', () => {
  it('maps what nodes send as platform to a platform', () => {
    expect(nodePlatform('linux')).toBe('linux');
    expect(nodePlatform('darwin')).toBe('macos');
    expect(nodePlatform('macOS 15.2')).toBe('macos');
    expect(nodePlatform('iOS 18.1')).toBe('ios');
    expect(nodePlatform('win32')).toBe('windows');
    expect(nodePlatform('', 'iPhone')).toBe('ios');
    expect(nodePlatform('plan9')).toBe('unknown');
  });

  it('no default list has an opt-in command (camera.snap, sms.send, …)', () => {
    for (const list of Object.values(PLATFORM_DEFAULTS)) for (const c of OPT_IN_COMMANDS) expect(list).not.toContain(c);
  });

  it('allowCommands adds, denyCommands removes, deny wins', () => {
    const set = allowedCommands({ allowCommands: ['camera.snap', 'system.run'], denyCommands: ['system.run'] }, 'ios');
    expect(set.has('camera.snap')).toBe(true);
    expect(set.has('system.run')).toBe(false);
    expect(set.has('location.get')).toBe(true);
  });

  it('a command must be declared by the node AND allowed by the gateway', () => {
    expect(checkCommand('system.info', ['system.info'], 'linux', {})).toEqual({ ok: true });
    expect(checkCommand('system.info', [], 'linux', {})).toEqual({ ok: false, reason: 'not-declared' });
    expect(checkCommand('camera.snap', ['camera.snap'], 'linux', {})).toEqual({ ok: false, reason: 'not-allowed' });
    expect(checkCommand('system.run', ['system.run'], 'linux', { denyCommands: ['system.run'] })).toEqual({
      ok: false,
      reason: 'denied',
    });
    expect(checkCommand('system.run', ['system.run'], 'ios', {})).toEqual({ ok: false, reason: 'not-allowed' });
  });
});
