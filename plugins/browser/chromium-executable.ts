import { findChromiumOnPath, isExecutableFile } from '../../sdk/index.js';
import { browserError } from './errors.js';

/** `browser.executablePath`, else the first Chromium-family browser found on PATH. */
export function findChromium(configured: string | undefined, envPath = process.env.PATH ?? ''): string {
  if (configured) {
    if (!isExecutableFile(configured))
      throw browserError('GW_ERR_BROWSER_EXECUTABLE', `browser.executablePath ${configured} is not an executable file`);
    return configured;
  }
  const found = findChromiumOnPath(envPath);
  if (found) return found;
  throw browserError(
    'GW_ERR_BROWSER_EXECUTABLE',
    'no Chromium found on PATH (chromium, google-chrome, …): install one (Debian: apt-get install chromium) ' +
      'or set browser.executablePath',
  );
}
