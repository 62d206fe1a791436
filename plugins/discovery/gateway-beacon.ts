import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';

/** The DNS-SD service type gateways advertise (Moltbot's). */
export const SERVICE_TYPE = 'moltbot-gw';
export const SERVICE_FQDN_TYPE = `_${SERVICE_TYPE}._tcp`;

export interface BeaconFacts {
  port: number;
  protocol: number;
  version: string;
  displayName: string;
  /** SHA-256 fingerprint of the TLS certificate (lowercase hex) when TLS is on. */
  tlsSha256?: string;
  canvasPort?: number;
  mode: 'minimal' | 'full';
}

/**
 * The TXT record of a gateway beacon (docs/nodes.md "Discovery"): non-secret hints only — never
 * a token. `full` adds where the machine is and how to reach its CLI.
 */
export function beaconTxt(f: BeaconFacts): Record<string, string> {
  const txt: Record<string, string> = {
    role: 'gateway',
    transport: 'gateway',
    gatewayPort: String(f.port),
    protocol: String(f.protocol),
    version: f.version,
    displayName: f.displayName,
  };
  if (f.tlsSha256) {
    txt.gatewayTls = '1';
    txt.gatewayTlsSha256 = f.tlsSha256;
  }
  if (f.canvasPort) txt.canvasPort = String(f.canvasPort);
  if (f.mode === 'full') {
    txt.lanHost = `${os.hostname()}.local`;
    txt.sshPort = process.env.CLAWDBOT_SSH_PORT ?? '22';
    if (process.argv[1]) txt.cliPath = process.argv[1];
  }
  return txt;
}

/** `Moltbot on <host>` (plus the port when it is not the default, so profiles do not clash). */
export function defaultInstanceName(port: number): string {
  const host = os.hostname().split('.')[0] || 'gateway';
  return port === 18789 ? `Moltbot on ${host}` : `Moltbot on ${host} (${port})`;
}

/** The fingerprint of the PEM certificate at `certPath` (lowercase hex, no colons), or undefined. */
export function certificateSha256(certPath: string | undefined): string | undefined {
  if (!certPath) return undefined;
  try {
    return new crypto.X509Certificate(fs.readFileSync(certPath)).fingerprint256.replaceAll(':', '').toLowerCase();
  } catch {
    return undefined;
  }
}

/** Loopback binds are not advertised: nobody else could connect. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
