import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildServiceSpec } from '../../bin/service/service-spec.js';
import { renderSystemdUnit } from '../../bin/service/systemd-unit.js';
import { resolvePaths } from '../../kernel/paths.js';

vi.setConfig({ testTimeout: 60_000 });

/** `Key=value` lines of one section of a unit file. */
function section(unit: string, name: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const body = unit.split(`[${name}]`)[1]?.split(/^\[/m)[0] ?? '';
  for (const line of body.split('\n')) {
    const m = /^(\w+)=(.*)$/.exec(line);
    if (m) out.set(m[1]!, [...(out.get(m[1]!) ?? []), m[2]!]);
  }
  return out;
}

describe('EADDRINUSE under the generated systemd unit', () => {
  it('the unit’s own ExecStart exits with a code the unit tells systemd not to restart', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-unit-'));
      const env = {
        HOME: home,
        USER: 'tester',
        PATH: process.env.PATH ?? '/usr/bin',
        MOLTBOT_SERVICE_PLATFORM: 'linux',
      };
      const paths = resolvePaths({ env, home });
      fs.mkdirSync(paths.stateDir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(
        paths.configPath,
        JSON.stringify({ gateway: { auth: { token: 'unit-token-0123456789abcdef' } } }),
      );
      const unit = renderSystemdUnit(buildServiceSpec({ paths, env, port }));
      const service = section(unit, 'Service');
      const argv = service.get('ExecStart')![0]!.split(' ');
      const unitEnv: Record<string, string> = {};
      for (const e of service.get('Environment') ?? []) {
        const [k, ...v] = e.replace(/^"|"$/g, '').split('=');
        unitEnv[k!] = v.join('=');
      }
      const child = spawn(argv[0]!, argv.slice(1), { env: unitEnv, cwd: service.get('WorkingDirectory')![0] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(stderr).toMatch(new RegExp(`port ${port} is already in use`));
      expect(code).toBe(3);
      expect(service.get('RestartPreventExitStatus')![0]!.split(' ')).toContain(String(code));
      expect(service.get('Restart')).toEqual(['on-failure']);
    } finally {
      busy.close();
    }
  });
});
