import { describe, expect, it } from 'vitest';
import { heartbeatMessage, isEffectivelyEmpty } from './heartbeat-prompt.js';

describe('heartbeat prompt', () => {
  it('a file of headings, comments and empty items has nothing to act on', () => {
    expect(isEffectivelyEmpty('# Heartbeat\n\n<!-- add tasks -->\n- [ ]\n-\n')).toBe(true);
    expect(isEffectivelyEmpty('# Heartbeat\n- check the mail\n')).toBe(false);
    expect(isEffectivelyEmpty('')).toBe(true);
  });

  it('the message carries the prompt and the file', () => {
    const m = heartbeatMessage(undefined, '- water the plants');
    expect(m).toContain('HEARTBEAT_OK');
    expect(m).toContain('- water the plants');
    expect(heartbeatMessage('Custom check.', undefined)).toBe('Custom check.');
  });
});
