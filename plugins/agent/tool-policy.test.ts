import { describe, expect, it } from 'vitest';
import { toolAllowed } from './tool-policy.js';

describe('toolAllowed', () => {
  it('allows everything without lists; deny wins; globs match', () => {
    expect(toolAllowed('gateway', {}, undefined)).toBe(true);
    expect(toolAllowed('gateway', { deny: ['gateway'] }, undefined)).toBe(false);
    expect(toolAllowed('sessions_list', { allow: ['sessions_*'] }, undefined)).toBe(true);
    expect(toolAllowed('message', { allow: ['sessions_*'] }, undefined)).toBe(false);
    expect(toolAllowed('sessions_list', { allow: ['*'] }, { deny: ['sessions_list'] })).toBe(false);
    expect(toolAllowed('gateway', {}, { allow: ['message'] })).toBe(false);
  });
});
