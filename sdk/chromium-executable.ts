import fs from 'node:fs';
import path from 'node:path';

/** Names of a Chromium-family browser on Linux and macOS, most specific first. */
const CANDIDATES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'brave-browser',
  'microsoft-edge',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * The first Chromium-family browser on `PATH` (Debian's `chromium` first), or undefined. Shared
 * by the browser plugin and the node runner's canvas, so both find the same browser.
 */
export function findChromiumOnPath(envPath = process.env.PATH ?? ''): string | undefined {
  for (const name of CANDIDATES) {
    if (path.isAbsolute(name)) {
      if (isExecutableFile(name)) return name;
      continue;
    }
    for (const dir of envPath.split(path.delimiter)) {
      const file = path.join(dir, name);
      if (dir && isExecutableFile(file)) return file;
    }
  }
  return undefined;
}

export function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
