import { spawn } from 'node:child_process';

export type OpenResult = { opened: true; via: string } | { opened: false; reason: string };

/**
 * Open a URL in the user's browser: `$BROWSER` when set (as xdg-open and git do), else the
 * platform's opener. On Linux without a display there is nothing to open it in: say so.
 */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): Promise<OpenResult> {
  let cmd: string;
  let args: string[];
  if (env.BROWSER) [cmd, args] = [env.BROWSER, [url]];
  else if (process.platform === 'darwin') [cmd, args] = ['open', [url]];
  else if (process.platform === 'win32') [cmd, args] = ['cmd', ['/c', 'start', '""', url]];
  else {
    if (!env.DISPLAY && !env.WAYLAND_DISPLAY)
      return Promise.resolve({ opened: false, reason: 'no display here (SSH?): open the link on your machine' });
    [cmd, args] = ['xdg-open', [url]];
  }
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true, env });
    child.once('error', (err) => resolve({ opened: false, reason: `${cmd} failed: ${err.message}` }));
    child.once('spawn', () => {
      child.unref();
      resolve({ opened: true, via: cmd });
    });
  });
}
