import { describe, expect, it } from 'vitest';
import type { SandboxDecision } from '../../sdk/index.js';
import { toolAllowedBy } from '../../sdk/index.js';
import { sessionPolicyLayers, toolAllowed } from './tool-policy.js';

describe('toolAllowed', () => {
  it('allows everything without lists; deny wins; globs match', () => {
    expect(toolAllowed('gateway', {}, undefined)).toBe(true);
    expect(toolAllowed('gateway', { deny: ['gateway'] }, undefined)).toBe(false);
    expect(toolAllowed('sessions_list', { allow: ['sessions_*'] }, undefined)).toBe(true);
    expect(toolAllowed('message', { allow: ['sessions_*'] }, undefined)).toBe(false);
    expect(toolAllowed('sessions_list', { allow: ['*'] }, { deny: ['sessions_list'] })).toBe(false);
    expect(toolAllowed('gateway', {}, { allow: ['message'] })).toBe(false);
  });

  it('expands groups in allow and deny lists', () => {
    expect(toolAllowed('read', { allow: ['group:fs'] }, undefined)).toBe(true);
    expect(toolAllowed('apply_patch', { allow: ['group:fs'] }, undefined)).toBe(true);
    expect(toolAllowed('exec', { allow: ['group:fs'] }, undefined)).toBe(false);
    expect(toolAllowed('exec', {}, { deny: ['group:runtime'] })).toBe(false);
    expect(toolAllowed('process', {}, { deny: ['group:runtime'] })).toBe(false);
    expect(toolAllowed('web_fetch', { allow: ['group:web', 'group:fs'] }, { deny: ['group:fs'] })).toBe(true);
    expect(toolAllowed('write', { allow: ['group:web', 'group:fs'] }, { deny: ['group:fs'] })).toBe(false);
  });
});

describe('sessionPolicyLayers', () => {
  const sandboxed: SandboxDecision = {
    agentId: 'main',
    sessionKey: 'agent:main:g',
    mode: 'non-main',
    scope: 'session',
    workspaceAccess: 'ro',
    sandboxed: true,
    toolPolicy: { allow: ['group:fs', 'exec'], deny: ['write', 'edit', 'apply_patch'] },
    sources: {},
  };

  it('a session override and a sandbox can only take tools away', () => {
    const layers = sessionPolicyLayers({ global: {}, session: { deny: ['exec'] } });
    expect(toolAllowedBy('exec', layers)).toBe(false);
    expect(toolAllowedBy('read', layers)).toBe(true);
    const widened = sessionPolicyLayers({ global: { deny: ['exec'] }, session: { allow: ['exec'] } });
    expect(toolAllowedBy('exec', widened)).toBe(false);
    const boxed = sessionPolicyLayers({ global: {}, sandbox: sandboxed });
    expect(toolAllowedBy('read', boxed)).toBe(true);
    expect(toolAllowedBy('write', boxed)).toBe(false);
    expect(toolAllowedBy('gateway', boxed)).toBe(false);
    expect(
      toolAllowedBy('write', sessionPolicyLayers({ global: {}, sandbox: { ...sandboxed, sandboxed: false } })),
    ).toBe(true);
  });
});
