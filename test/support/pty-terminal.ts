import xterm from '@xterm/headless';
import * as pty from 'node-pty';

export interface PtyTerminal {
  /** The screen as text: scrollback and viewport, trailing blanks trimmed. */
  screen(): string;
  /** The visible rows only (what a screenshot shows). */
  viewport(): string[];
  /** Everything the program wrote, raw (ANSI included). */
  raw(): string;
  write(data: string): void;
  press(key: keyof typeof KEYS): void;
  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<void>;
  exited(timeoutMs?: number): Promise<number>;
  readonly pid: number;
  kill(): void;
}

export const KEYS = {
  enter: '\r',
  down: '\x1b[B',
  up: '\x1b[A',
  ctrlC: '\x03',
  ctrlD: '\x04',
  pageUp: '\x1b[5~',
  space: ' ',
  tab: '\t',
} as const;

/**
 * A program in a real pseudo-terminal (node-pty), its output fed into a headless xterm.js
 * terminal, so a test reads the screen a person would see: cursor movement, redraws and clears
 * applied, colors left out.
 */
export function spawnInPty(
  command: string,
  args: string[],
  options: { env: Record<string, string>; cols?: number; rows?: number; cwd?: string },
): PtyTerminal {
  const cols = options.cols ?? 100;
  const rows = options.rows ?? 34;
  const term = new xterm.Terminal({ cols, rows, scrollback: 2000, allowProposedApi: true });
  const proc = pty.spawn(command, args, {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: options.cwd,
    env: { ...options.env, TERM: 'xterm-256color' },
  });
  let raw = '';
  let exitCode: number | undefined;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  proc.onData((d) => {
    raw += d;
    term.write(d, wake);
  });
  proc.onExit(({ exitCode: code }) => {
    exitCode = code;
    // Let xterm parse the last bytes before anyone reads the screen.
    term.write('', wake);
  });
  const lines = (from: number, to: number) => {
    const buf = term.buffer.active;
    const out: string[] = [];
    for (let i = from; i < to; i++) out.push(buf.getLine(i)?.translateToString(true) ?? '');
    return out;
  };
  const screen = () => {
    const buf = term.buffer.active;
    return lines(0, buf.length).join('\n').trimEnd();
  };
  return {
    pid: proc.pid,
    screen,
    viewport: () => {
      const buf = term.buffer.active;
      return lines(buf.viewportY, buf.viewportY + rows);
    },
    raw: () => raw,
    write: (data) => proc.write(data),
    press: (key) => proc.write(KEYS[key]),
    waitFor: (pattern, timeoutMs = 15_000) =>
      new Promise<void>((resolve, reject) => {
        const test = () => (typeof pattern === 'string' ? screen().includes(pattern) : pattern.test(screen()));
        const done = (err?: Error) => {
          clearTimeout(timer);
          clearInterval(poll);
          waiters.delete(check);
          if (err) reject(err);
          else resolve();
        };
        const check = () => {
          if (test()) done();
          else if (exitCode !== undefined && !test())
            setTimeout(
              () => (test() ? done() : done(new Error(`exited ${exitCode} before ${pattern}:\n${screen()}`))),
              200,
            );
        };
        const timer = setTimeout(() => done(new Error(`timed out waiting for ${pattern}:\n${screen()}`)), timeoutMs);
        const poll = setInterval(check, 100);
        waiters.add(check);
        check();
      }),
    exited: (timeoutMs = 15_000) =>
      new Promise<number>((resolve, reject) => {
        const until = Date.now() + timeoutMs;
        const poll = setInterval(() => {
          if (exitCode !== undefined) {
            clearInterval(poll);
            resolve(exitCode);
          } else if (Date.now() > until) {
            clearInterval(poll);
            reject(new Error(`still running after ${timeoutMs} ms:\n${screen()}`));
          }
        }, 50);
      }),
    kill: () => {
      if (exitCode === undefined) proc.kill('SIGKILL');
    },
  };
}
