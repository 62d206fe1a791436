import { describeService, expectedSpecFor, writeServiceFile } from '../service/service-manager.js';
import { runServiceCommand } from '../service/service-runner.js';
import type { DoctorContext, Finding } from './finding.js';

/** An installed service must match this CLI (node path, CLI path, version, profile). */
export function checkService(ctx: DoctorContext): Finding[] {
  const d = describeService(ctx.paths, ctx.env);
  if (d.kind === 'none') return [];
  if (!d.installed)
    return [
      {
        check: 'service',
        severity: 'info',
        message: `no ${d.kind} service installed (${d.name})`,
        fix: `${ctx.hint('gateway install')}, to keep the gateway running`,
      },
    ];
  if (d.matches)
    return [{ check: 'service', severity: 'info', message: `${d.name} is installed and matches this CLI` }];
  return [
    {
      check: 'service-mismatch',
      severity: 'warning',
      message: `${d.file} differs from what this CLI would install (another node, CLI path, version or profile)`,
      fix:
        `${ctx.hint('gateway install')} (rewrites it and restarts the service); doctor --fix rewrites it and ` +
        'reloads the ' +
        'service manager',
      repair: () => {
        const spec = expectedSpecFor(ctx.paths, ctx.env);
        if (!spec) return;
        writeServiceFile(spec);
        if (spec.platform === 'linux')
          runServiceCommand('systemctl', spec.system ? ['daemon-reload'] : ['--user', 'daemon-reload'], ctx.env);
      },
    },
  ];
}
