import fs from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

let registered = false;

/**
 * Install the resolve hook once per process, before the first third-party plugin import. In the
 * bundle (dist/bundle/, bin/build/bundle-gateway.ts) this code sits beside the bundle's own
 * `sdk.js`, which shares its chunks with the running kernel: plugins get that one. Unbundled,
 * the package's self-reference (`exports["./sdk"]`, dist/sdk/index.js) is the kernel's copy.
 */
export function registerSdkResolver(): void {
  if (registered) return;
  registered = true;
  const bundledSdk = new URL('./sdk.js', import.meta.url);
  const sdkUrl = fs.existsSync(fileURLToPath(bundledSdk)) ? bundledSdk.href : undefined;
  register('./sdk-resolve-hook.js', {
    parentURL: import.meta.url,
    data: { parentURL: import.meta.url, ...(sdkUrl ? { sdkUrl } : {}) },
  });
}
