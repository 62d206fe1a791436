import { describe, expect, it } from 'vitest';
import { hasScope, isScope } from './scopes.js';

describe('scopes', () => {
  it('operator.admin holds every operator scope but not node', () => {
    for (const s of [
      'operator.read',
      'operator.write',
      'operator.admin',
      'operator.approvals',
      'operator.pairing',
    ] as const)
      expect(hasScope(['operator.admin'], s)).toBe(true);
    expect(hasScope(['operator.admin'], 'node')).toBe(false);
  });

  it('operator.write holds operator.read, not the reverse', () => {
    expect(hasScope(['operator.write'], 'operator.read')).toBe(true);
    expect(hasScope(['operator.read'], 'operator.write')).toBe(false);
    expect(hasScope(['operator.write'], 'operator.admin')).toBe(false);
    expect(hasScope(['operator.pairing'], 'operator.approvals')).toBe(false);
  });

  it('knows the scope names', () => {
    expect(isScope('operator.pairing')).toBe(true);
    expect(isScope('node')).toBe(true);
    expect(isScope('operator.root')).toBe(false);
  });
});
