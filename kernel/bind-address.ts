import net from 'node:net';
import os from 'node:os';
import { isLoopbackAddress } from './auth/peer-address.js';
import { kernelError } from './errors.js';

/**
 * `gateway.bind` → the address to listen on: `loopback` (default) 127.0.0.1, `lan` 0.0.0.0,
 * `tailnet` this machine's Tailscale address (100.64.0.0/10), `auto` loopback, or a literal IP.
 */
export function resolveBindHost(bind: string | undefined): string {
  const b = (bind ?? 'loopback').trim();
  if (b === 'loopback' || b === 'auto' || b === 'localhost') return '127.0.0.1';
  if (b === 'lan' || b === 'all') return '0.0.0.0';
  if (b === 'tailnet') {
    for (const list of Object.values(os.networkInterfaces())) {
      for (const i of list ?? []) if (i.family === 'IPv4' && isTailscaleV4(i.address)) return i.address;
    }
    throw kernelError(
      'GW_ERR_BIND_ADDRESS',
      'gateway.bind is "tailnet" but this machine has no Tailscale address (100.64.0.0/10); ' +
        'start Tailscale or use "loopback"',
    );
  }
  if (net.isIP(b)) return b;
  throw kernelError(
    'GW_ERR_BIND_ADDRESS',
    `gateway.bind "${b}" is not valid: use loopback, lan, tailnet, auto or an IP address`,
  );
}

export function isLoopbackBind(host: string): boolean {
  return isLoopbackAddress(host);
}

function isTailscaleV4(addr: string): boolean {
  const [a, b] = addr.split('.').map(Number);
  return a === 100 && b! >= 64 && b! <= 127;
}
