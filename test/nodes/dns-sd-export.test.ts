import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../cli/run-cli.js';

describe('moltbot dns-sd export', () => {
  it('prints zone records for the profile’s gateway under the chosen zone and host', async () => {
    const r = await runCli(['dns-sd', 'export', '--domain', 'home.internal', '--host', 'vm.tail1234.ts.net'], {
      home: tempHome(),
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('$ORIGIN home.internal.');
    expect(lines).toContain('_services._dns-sd._udp IN PTR _moltbot-gw._tcp');
    const srv = lines.find((l) => l.includes(' IN SRV '));
    expect(srv).toMatch(/^Moltbot\\032on\\032\S+\._moltbot-gw\._tcp IN SRV 0 0 18789 vm\.tail1234\.ts\.net\.$/);
    const txt = lines.find((l) => l.includes(' IN TXT '))!;
    expect(txt).toContain('"role=gateway"');
    expect(txt).toContain('"gatewayPort=18789"');
    expect(txt).toContain('"protocol=7"');
  });
});
