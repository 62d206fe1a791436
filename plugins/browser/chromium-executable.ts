import fs from 'node:fs';
import path from 'node:path';
import { browserError } from './errors.js';

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

/** `browser.executablePath`, else the first Chromium-family browser found on PATH. */
export function findChromium(configured: string | undefined, envPath = process.env.PATH ?? ''): string {
  if (configured) {
    if (!isExecutable(configured))
      throw browserError('GW_ERR_BROWSER_EXECUTABLE', `browser.executablePath ${configured} is not an executable file`);
    return configured;
  }
  for (const name of CANDIDATES) {
    if (path.isAbsolute(name)) {
      if (isExecutable(name)) return name;
      continue;
    }
    for (const dir of envPath.split(path.delimiter)) {
      const file = path.join(dir, name);
      if (dir && isExecutable(file)) return file;
    }
  }
  throw browserError(
    'GW_ERR_BROWSER_EXECUTABLE',
    'no Chromium found on PATH (chromium, google-chrome, …): install one (Debian: apt-get install chromium) ' +
      'or set browser.executablePath',
  );
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
