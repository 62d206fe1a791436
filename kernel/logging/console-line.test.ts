import { describe, expect, it } from 'vitest';
import { consoleLine } from './console-line.js';

describe('consoleLine', () => {
  it('puts the plugin first and the fields after the message, one line', () => {
    const line = consoleLine({
      level: 30,
      time: 1,
      pid: 9,
      plugin: 'delivery',
      version: '1.0.0',
      generation: 1,
      msg: 'plugin loaded',
      loadMs: 198.4,
      plugins: ['agent', 'cron'],
    });
    expect(line).toBe('delivery: plugin loaded loadMs=198.4 plugins=agent,cron');
  });

  it('cuts long and multi-line values, quotes spaces, shows an error by its message', () => {
    const line = consoleLine({
      msg: 'failed',
      component: 'http',
      path: '/tmp/a b',
      detail: 'x'.repeat(200),
      err: { type: 'Error', message: 'boom\n    at stack', stack: 'Error: boom\n    at x' },
      nested: { a: 1 },
    });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('http: failed path="/tmp/a b"');
    expect(line).toContain(`detail=${'x'.repeat(79)}…`);
    expect(line).toContain('err="boom …"');
    expect(line).toContain('nested={"a":1}');
  });

  it('leaves the fields to the verbose block when asked', () => {
    expect(consoleLine({ msg: 'm', plugin: 'agent', a: 1 }, 'msg', false)).toBe('agent: m');
  });
});
