import { describe, expect, it } from 'vitest';
import { escapeLabel, wideAreaRecords } from './dns-sd-records.js';

describe('wide-area DNS-SD records', () => {
  it('escapes an instance name for a zone file', () => {
    expect(escapeLabel('Moltbot on vm')).toBe('Moltbot\\032on\\032vm');
    expect(escapeLabel('a.b\\c')).toBe('a\\.b\\\\c');
  });

  it('lists the browse pointers, the type, and the instance PTR, SRV and TXT', () => {
    const lines = wideAreaRecords({
      domain: 'moltbot.internal',
      instanceName: 'Moltbot on vm',
      host: 'vm.tail1234.ts.net',
      port: 18789,
      txt: { role: 'gateway', gatewayPort: '18789', displayName: 'say "hi"' },
    });
    expect(lines).toContain('$ORIGIN moltbot.internal.');
    expect(lines).toContain('b._dns-sd._udp IN PTR @');
    expect(lines).toContain('_services._dns-sd._udp IN PTR _moltbot-gw._tcp');
    expect(lines).toContain('_moltbot-gw._tcp IN PTR Moltbot\\032on\\032vm._moltbot-gw._tcp');
    expect(lines).toContain('Moltbot\\032on\\032vm._moltbot-gw._tcp IN SRV 0 0 18789 vm.tail1234.ts.net.');
    expect(lines.at(-1)).toBe(
      'Moltbot\\032on\\032vm._moltbot-gw._tcp IN TXT "role=gateway" "gatewayPort=18789" "displayName=say \\"hi\\""',
    );
  });
});
