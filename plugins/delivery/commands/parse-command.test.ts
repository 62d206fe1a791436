import { describe, expect, it } from 'vitest';
import { parseCommandText } from './parse-command.js';

describe('parseCommandText', () => {
  it('reads /name, its arguments, an optional colon and a @target', () => {
    expect(parseCommandText('/status')).toEqual({ name: 'status', args: '' });
    expect(parseCommandText('  /Think high ')).toEqual({ name: 'think', args: 'high' });
    expect(parseCommandText('/think: low')).toEqual({ name: 'think', args: 'low' });
    expect(parseCommandText('/compact keep the\ncode parts')).toEqual({
      name: 'compact',
      args: 'keep the\ncode parts',
    });
    expect(parseCommandText('/help@other_bot')).toEqual({ name: 'help', args: '', target: 'other_bot' });
  });

  it('is not fooled by slashes in ordinary text', () => {
    expect(parseCommandText('see /etc/passwd')).toBeUndefined();
    expect(parseCommandText('/etc/passwd please')).toBeUndefined();
    expect(parseCommandText('/ status')).toBeUndefined();
    expect(parseCommandText('/2fa')).toBeUndefined();
    expect(parseCommandText(`/${'a'.repeat(33)}`)).toBeUndefined();
    expect(parseCommandText('')).toBeUndefined();
  });
});
