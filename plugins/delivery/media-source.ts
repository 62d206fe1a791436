import fs from 'node:fs';
import path from 'node:path';
import { deliveryError } from './errors.js';

/**
 * Where outbound media may come from. http(s) URLs are fetched by the platform; a local file
 * (a path or file:// URL) must resolve — symlinks followed — inside one of `roots` (the state
 * dir's media folder, the agent workspace, configured extras). Without this, anyone allowed to
 * `send` (or a prompt-injected agent using the message tool) could mail out the config file or
 * the WhatsApp credentials.
 */
export function checkMediaSource(url: string, roots: readonly string[]): void {
  if (/^https?:\/\//i.test(url)) return;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('file://')) {
    throw deliveryError(
      'GW_ERR_DELIVERY_MEDIA_SOURCE',
      `mediaUrl "${url.slice(0, 100)}": only http(s) URLs and local files are supported`,
    );
  }
  const file = url.startsWith('file://') ? new URL(url).pathname : path.resolve(url);
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    throw deliveryError('GW_ERR_DELIVERY_MEDIA_SOURCE', `mediaUrl ${file} does not exist`);
  }
  const inside = roots.some((root) => {
    let r: string;
    try {
      r = fs.realpathSync(root);
    } catch {
      return false;
    }
    const rel = path.relative(r, real);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  });
  if (!inside) {
    throw deliveryError(
      'GW_ERR_DELIVERY_MEDIA_SOURCE',
      `mediaUrl ${file} is outside the folders media may be sent from (${roots.join(', ')}); copy it into one, or ` +
        'add its folder to plugins.entries.delivery.config.outbound.mediaRoots',
    );
  }
}
