import os from 'node:os';

/** `system.info`: what the machine is and how it is doing. */
export function systemInfo(): Record<string, unknown> {
  return {
    os: os.platform(),
    release: os.release(),
    arch: os.arch(),
    hostname: os.hostname(),
    uptimeSec: Math.round(os.uptime()),
    loadavg: os.loadavg(),
    cpus: os.cpus().length,
    memory: { totalBytes: os.totalmem(), freeBytes: os.freemem() },
    node: process.version,
  };
}
