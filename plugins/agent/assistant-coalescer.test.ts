import { describe, expect, it } from 'vitest';
import { AssistantCoalescer } from './assistant-coalescer.js';

describe('AssistantCoalescer', () => {
  it('sends the first delta at once, merges the rest per interval, and flushes on demand', async () => {
    const sent: Array<{ delta: string; text: string }> = [];
    const c = new AssistantCoalescer<object>((_run, data) => sent.push(data), 40);
    const run = {};
    c.push(run, 'He', 'He');
    expect(sent).toEqual([{ delta: 'He', text: 'He' }]);
    c.push(run, 'll', 'Hell');
    c.push(run, 'o', 'Hello');
    expect(sent).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 60));
    expect(sent[1]).toEqual({ delta: 'llo', text: 'Hello' });
    c.push(run, '!', 'Hello!');
    c.flush(run);
    expect(sent.map((s) => s.delta).join('')).toBe('Hello!');
    expect(sent.at(-1)!.text).toBe('Hello!');
    c.flush(run);
    expect(sent.map((s) => s.delta).join('')).toBe('Hello!');
  });

  it('keeps runs apart', () => {
    const sent: string[] = [];
    const c = new AssistantCoalescer<{ id: string }>((run, data) => sent.push(`${run.id}:${data.delta}`), 1000);
    const a = { id: 'a' };
    const b = { id: 'b' };
    c.push(a, 'x', 'x');
    c.push(b, 'y', 'y');
    c.push(a, 'z', 'xz');
    c.flush(a);
    c.flush(b);
    expect(sent).toEqual(['a:x', 'b:y', 'a:z']);
  });
});
