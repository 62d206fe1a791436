import fs from 'node:fs';
import path from 'node:path';
import { findListeners } from '../../kernel/process/port-owner.js';
import { dialHost } from '../cli/local-profile.js';
import type { DoctorContext, Finding } from './finding.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Is whatever listens on the port our gateway? Tries a real handshake with the local credentials. */
async function gatewayAnswers(ctx: DoctorContext): Promise<'ok' | 'auth' | 'no'> {
  const token = ctx.env.CLAWDBOT_GATEWAY_TOKEN ?? ((ctx.config.gateway as any)?.auth?.token as string | undefined);
  const password =
    ctx.env.CLAWDBOT_GATEWAY_PASSWORD ?? ((ctx.config.gateway as any)?.auth?.password as string | undefined);
  const { GatewayClient } = await import('../../sdk/client/gateway-client.js');
  try {
    const c = await GatewayClient.connect({
      url: `ws://${dialHost(ctx.bind)}:${ctx.port}`,
      token,
      password,
      clientId: 'cli',
      clientMode: 'probe',
      timeoutMs: 3000,
    });
    c.close();
    return 'ok';
  } catch (err) {
    return (err as { kind?: string }).kind === 'auth' ? 'auth' : 'no';
  }
}

/** The gateway port: free, held by our gateway, or held by something else. */
export async function checkPort(ctx: DoctorContext): Promise<Finding[]> {
  const owners = findListeners(ctx.port);
  if (owners.length === 0)
    return [{ check: 'port', severity: 'info', message: `port ${ctx.port} is free (the gateway is not running)` }];
  const answer = await gatewayAnswers(ctx);
  if (answer === 'ok')
    return [
      {
        check: 'port',
        severity: 'info',
        message: `port ${ctx.port}: the gateway is running (pid ${owners.map((o) => o.pid).join(', ')})`,
      },
    ];
  const who = owners.map((o) => `pid ${o.pid} (${o.command || 'unknown'})`).join(', ');
  if (answer === 'auth') {
    return [
      {
        check: 'port',
        severity: 'warning',
        message: `port ${ctx.port}: a gateway (${who}) refuses the secret in ${ctx.paths.configPath}`,
        fix: 'it runs with another token (--token / CLAWDBOT_GATEWAY_TOKEN?): restart it, or use that token',
      },
    ];
  }
  return [
    {
      check: 'port-conflict',
      severity: 'error',
      message: `port ${ctx.port} is held by ${who}, which is not this gateway`,
      fix:
        `stop that process, start with "${ctx.hint('gateway --force')}" to stop it, or move: ` +
        ctx.hint('config set gateway.port <port>'),
    },
  ];
}

/** Lock and pid files (`*.lock`, `*.pid`) in the state dir whose owner process is gone. */
export function checkStaleLocks(ctx: DoctorContext): Finding[] {
  const out: Finding[] = [];
  const visit = (dir: string, depth: number) => {
    if (depth > 4) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.slice(0, 2000)) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p, depth + 1);
      else if (e.isFile() && /\.(lock|pid)$/.test(e.name)) {
        const text = fs.readFileSync(p, 'utf8').trim();
        let pid = Number(text);
        if (!Number.isInteger(pid)) {
          try {
            pid = Number((JSON.parse(text) as { pid?: number }).pid);
          } catch {
            pid = NaN;
          }
        }
        if (Number.isInteger(pid) && pid > 0 && !alive(pid)) {
          out.push({
            check: 'stale-lock',
            severity: 'warning',
            message: `${p} names pid ${pid}, which is not running (left by a crash)`,
            fix: `remove it: rm ${p}`,
            repair: () => fs.rmSync(p, { force: true }),
          });
        }
      }
    }
  };
  visit(ctx.paths.stateDir, 0);
  return out;
}
