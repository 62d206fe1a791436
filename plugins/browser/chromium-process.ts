import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import type { Logger } from 'pino';
import { browserError } from './errors.js';

export interface LaunchOptions {
  executablePath: string;
  cdpPort: number;
  userDataDir: string;
  headless: boolean;
  noSandbox: boolean;
  startTimeoutMs: number;
}

export type ProcessState =
  | { state: 'starting'; pid: number }
  | { state: 'running'; pid: number; startedAt: number }
  | { state: 'stopped' }
  | { state: 'crashed'; exitCode: number | null; signal: string | null; at: number; stderrTail: string };

/** Flags for a quiet, automation-friendly Chromium (DEPENDENCIES.md) on a CDP port of its own. */
export function chromiumArgs(o: Omit<LaunchOptions, 'executablePath' | 'startTimeoutMs'>): string[] {
  const args = [
    `--remote-debugging-port=${o.cdpPort}`,
    '--remote-debugging-address=127.0.0.1',
    `--user-data-dir=${o.userDataDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-features=Translate,MediaRouter',
    '--password-store=basic',
    '--use-mock-keychain',
  ];
  if (o.headless) args.push('--headless', '--disable-gpu', '--hide-scrollbars', '--mute-audio');
  if (o.noSandbox) args.push('--no-sandbox');
  args.push('about:blank');
  return args;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * One launched Chromium, supervised: its exit while running is recorded as `crashed` (exit code,
 * signal, the end of its stderr) for status to show, and it is NOT restarted — a browser that
 * crashes on start would otherwise loop. `start` again is the user's (or agent's) decision.
 */
export class ChromiumProcess {
  private child?: ChildProcess;
  private current: ProcessState = { state: 'stopped' };
  private stderrTail = '';
  private stopping = false;
  private exited?: Promise<void>;

  constructor(private readonly logger: Logger) {}

  get status(): ProcessState {
    return this.current;
  }

  get running(): boolean {
    return this.current.state === 'running' || this.current.state === 'starting';
  }

  async start(o: LaunchOptions): Promise<void> {
    if (this.running) return;
    if (await portAnswers(o.cdpPort))
      throw browserError(
        'GW_ERR_BROWSER_CDP_PORT_IN_USE',
        `CDP port ${o.cdpPort} is already in use by another process: stop it, pick another ` +
          'browser.profiles.<name>.cdpPort, or set browser.attachOnly to use that browser',
      );
    fs.mkdirSync(o.userDataDir, { recursive: true, mode: 0o700 });
    this.stderrTail = '';
    this.stopping = false;
    const child = spawn(o.executablePath, chromiumArgs(o), { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    child.stderr!.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString()).slice(-2000);
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = undefined;
        if (this.stopping) this.current = { state: 'stopped' };
        else {
          this.current = { state: 'crashed', exitCode: code, signal, at: Date.now(), stderrTail: this.stderrTail };
          this.logger.warn(
            { exitCode: code, signal, stderr: this.stderrTail.slice(-500) },
            'chromium exited (not restarted)',
          );
        }
        resolve();
      });
      child.once('error', (err) => {
        this.current = { state: 'crashed', exitCode: null, signal: null, at: Date.now(), stderrTail: err.message };
        resolve();
      });
    });
    this.current = { state: 'starting', pid: child.pid ?? 0 };
    const deadline = Date.now() + o.startTimeoutMs;
    // The exit handler may change the state while we poll (TypeScript cannot see that).
    const state = () => this.current as ProcessState;
    while (Date.now() < deadline) {
      if (state().state === 'crashed') break;
      if (await cdpAnswers(o.cdpPort)) {
        this.current = { state: 'running', pid: child.pid ?? 0, startedAt: Date.now() };
        this.logger.info({ pid: child.pid, cdpPort: o.cdpPort }, 'chromium started');
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const now = state();
    const crashed = now.state === 'crashed' ? now : undefined;
    await this.stop();
    if (crashed) this.current = crashed;
    const tail = (crashed?.stderrTail ?? this.stderrTail).trim().split('\n').slice(-3).join(' | ');
    throw browserError(
      'GW_ERR_BROWSER_START_FAILED',
      `Chromium (${o.executablePath}) did not open CDP port ${o.cdpPort} within ${o.startTimeoutMs} ms` +
        (tail ? `: ${tail}` : ''),
    );
  }

  /** SIGTERM, then SIGKILL after 5 s; resolves when the process is gone. */
  async stop(): Promise<boolean> {
    const child = this.child;
    if (!child) {
      if (this.current.state !== 'crashed') this.current = { state: 'stopped' };
      return false;
    }
    this.stopping = true;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(killer);
    this.current = { state: 'stopped' };
    return true;
  }
}

async function cdpAnswers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/json/version`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}
