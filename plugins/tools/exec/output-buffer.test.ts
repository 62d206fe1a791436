import { describe, expect, it } from 'vitest';
import { OutputBuffer } from './output-buffer.js';

describe('OutputBuffer', () => {
  it('keeps everything under the budget', () => {
    const b = new OutputBuffer(100);
    b.write(Buffer.from('hello '));
    b.write(Buffer.from('world'));
    expect(b.text()).toBe('hello world');
    expect(b.truncated).toBe(false);
    expect(b.total).toBe(11);
  });
  it('keeps the head and the tail of a long output and counts the rest', () => {
    const b = new OutputBuffer(20);
    for (let i = 0; i < 100; i++) b.write(Buffer.from(`${String(i).padStart(3, '0')}\n`));
    expect(b.total).toBe(400);
    expect(b.omitted).toBe(380);
    const text = b.text();
    expect(text.startsWith('000\n001\n00')).toBe(true);
    expect(text.endsWith('098\n099\n')).toBe(true);
    expect(text).toContain('380 bytes of output omitted; 400 bytes in total');
  });
});
