import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { controlUiError } from './errors.js';

/** What `npm run build` wrote beside the bundle (build/bundle-app.ts). */
export interface AppManifest {
  version: 1;
  /** The app shell, with `%BASE%` where the base path goes. */
  shell: string;
  /** The entry script, relative to the app folder (`assets/app-<hash>.js`). */
  entry: string;
  files: Array<{ path: string; bytes: number; gzip: number; brotli: number }>;
  /** Gzipped bytes of the JavaScript the shell loads before it can render. */
  shellJsGzip: number;
}

export interface AppAssets {
  /** Folder holding `index.html` and `assets/`. */
  dir: string;
  manifest: AppManifest;
  shellTemplate: string;
}

/**
 * The built dashboard. Compiled, this module sits in dist/plugins/control-ui/ with the bundle in
 * ./app/; run from source (tests), the bundle is the one `npm run build` put under dist/.
 */
const CANDIDATES = ['./app/', '../../dist/plugins/control-ui/app/'];

export function loadAppAssets(): AppAssets {
  for (const rel of CANDIDATES) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    const manifestPath = `${dir}manifest.json`;
    if (!fs.existsSync(manifestPath)) continue;
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as AppManifest;
    const shellTemplate = fs.readFileSync(`${dir}${manifest.shell}`, 'utf8');
    return { dir, manifest, shellTemplate };
  }
  throw controlUiError(
    'GW_ERR_CONTROL_UI_NOT_BUILT',
    'the dashboard is not built (no dist/plugins/control-ui/app/manifest.json): ' +
      'run "npm run build" in the gateway folder',
  );
}
