import { describe, expect, it } from 'vitest';
import { toolCallSummary } from './tool-call-summary.js';

describe('toolCallSummary', () => {
  it('names the tool and its plain arguments, cutting long values', () => {
    expect(toolCallSummary('exec', '{"command":"ls -la","timeout":5}')).toBe('🔧 exec — command: ls -la, timeout: 5');
    expect(toolCallSummary('write', JSON.stringify({ path: 'a.txt', content: 'x'.repeat(200) }))).toBe(
      `🔧 write — path: a.txt, content: ${'x'.repeat(80)}…`,
    );
    expect(toolCallSummary('sessions_list', '{}')).toBe('🔧 sessions_list');
    expect(toolCallSummary('odd', 'not json')).toBe('🔧 odd');
  });
});
