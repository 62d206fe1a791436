import { describe, expect, it } from 'vitest';
import type { SandboxPluginConfigT } from './config-schema.js';
import { configHash, containerName } from './container-identity.js';
import { agentSandbox, decide, scopeKey } from './sandbox-settings.js';

const paths = { stateDir: '/s', workspaceDir: '/home/u/clawd' };
const cfg = (
  agents: SandboxPluginConfigT['agents'],
  tools: SandboxPluginConfigT['tools'] = {},
): SandboxPluginConfigT => ({
  agents,
  tools,
  session: {},
});

describe('agentSandbox', () => {
  it('defaults: off, agent scope, no workspace access, locked-down docker', () => {
    const s = agentSandbox(cfg({}), 'main', paths);
    expect(s).toMatchObject({ mode: 'off', scope: 'agent', workspaceAccess: 'none', workspaceRoot: '/s/sandboxes' });
    expect(s.docker).toMatchObject({ network: 'none', readOnlyRoot: true, capDrop: ['ALL'], env: { LANG: 'C.UTF-8' } });
    expect(s.sources).toMatchObject({ mode: 'default', scope: 'default' });
    expect(decide(s, 'agent:main:group').sandboxed).toBe(false);
  });

  it('agent values win field by field; sources name the key; ro denies the write tools', () => {
    const s = agentSandbox(
      cfg({
        defaults: { sandbox: { mode: 'non-main', docker: { image: 'a', env: { A: '1' }, binds: ['/x:/x:ro'] } } },
        list: [{ id: 'w', sandbox: { workspaceAccess: 'ro', docker: { env: { B: '2' }, binds: ['/y:/y'] } } }],
      }),
      'w',
      paths,
    );
    expect(s.sources).toMatchObject({
      mode: 'agents.defaults.sandbox.mode',
      workspaceAccess: 'agents.list[0].sandbox.workspaceAccess',
    });
    expect(s.docker).toMatchObject({
      image: 'a',
      env: { LANG: 'C.UTF-8', A: '1', B: '2' },
      binds: ['/x:/x:ro', '/y:/y'],
    });
    expect(s.toolPolicy.deny).toEqual(expect.arrayContaining(['gateway', 'write', 'edit', 'apply_patch']));
    expect(decide(s, 'agent:w:main').sandboxed).toBe(false);
    expect(decide(s, 'agent:w:telegram:group:1').sandboxed).toBe(true);
  });

  it('scope keys, container names and config hashes', () => {
    expect(scopeKey('session', 'main', 'agent:main:g')).toBe('agent:main:g');
    expect(scopeKey('agent', 'main', 'agent:main:g')).toBe('agent:main');
    expect(scopeKey('shared', 'main', 'agent:main:g')).toBe('shared');
    const a = containerName('moltbot-sbx-', 'abcd1234', 'agent:main:g');
    expect(a).toMatch(/^moltbot-sbx-abcd1234-agent-main-g-[0-9a-f]{8}$/);
    expect(containerName('moltbot-sbx-', 'abcd1234', 'agent:main:G')).not.toBe(a);
    const s = agentSandbox(cfg({}), 'main', paths);
    const h = configHash(s, '/w');
    expect(configHash(s, '/w')).toBe(h);
    expect(configHash({ ...s, docker: { ...s.docker, network: 'bridge' } }, '/w')).not.toBe(h);
  });
});
