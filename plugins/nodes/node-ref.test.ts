import { describe, expect, it } from 'vitest';
import { resolveNodeRef } from './node-ref.js';

const nodes = [
  { nodeId: 'a1b2c3d4e5f6', displayName: 'Build Box' },
  { nodeId: 'a1b2c3ffffff', displayName: 'phone' },
  { nodeId: '99887766aabb', displayName: 'phone' },
];

describe('resolveNodeRef', () => {
  it('by id, by unique display name (any case), by unique id prefix of 6+ characters', () => {
    expect(resolveNodeRef(nodes, 'a1b2c3d4e5f6')).toEqual({ node: nodes[0] });
    expect(resolveNodeRef(nodes, 'build box')).toEqual({ node: nodes[0] });
    expect(resolveNodeRef(nodes, '998877')).toEqual({ node: nodes[2] });
  });

  it('says when a name or prefix is ambiguous or names nothing', () => {
    expect(resolveNodeRef(nodes, 'phone')).toMatchObject({ error: 'ambiguous' });
    expect(resolveNodeRef(nodes, 'a1b2c3')).toMatchObject({ error: 'ambiguous' });
    expect(resolveNodeRef(nodes, 'a1b2')).toMatchObject({ error: 'none' });
  });
});
