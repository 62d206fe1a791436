/**
 * Control UI: page open → the status reads "Connected", in Debian's Chromium (a fresh browser
 * context each time, so nothing is cached), then a reload of the same tab (assets from the
 * immutable cache, token from sessionStorage). Also the bundle sizes the build recorded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, p99 } from '../lib/stats.js';
import type { Measurement, Workload } from '../lib/types.js';
import { WorkloadSkipped } from '../lib/workload-skipped.js';

const CHROMIUM = process.env.MOLTBOT_CHROMIUM ?? '/usr/bin/chromium';
const MANIFEST = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../plugins/control-ui/app/manifest.json',
);

interface ManifestFile {
  path: string;
  bytes: number;
  gzip: number;
}

const connected = () => document.querySelector('[role="status"]')?.textContent === 'Connected';

const workload: Workload = {
  name: 'control-ui',
  title: 'Control UI',
  targets: ['gateway'],
  async run(target, opts) {
    if (!fs.existsSync(CHROMIUM)) throw new WorkloadSkipped(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
    if (!fs.existsSync(MANIFEST)) throw new WorkloadSkipped('the dashboard is not built (npm run build)');
    const { chromium } = await import('playwright-core');
    const opens = opts.quick ? 5 : 30;
    const server = await target.start();
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    const cold: number[] = [];
    const warm: number[] = [];
    try {
      const url = `http://127.0.0.1:${server.port}/#token=${encodeURIComponent(server.token)}`;
      for (let i = 0; i < opens + 1; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        let t = performance.now();
        await page.goto(url);
        await page.waitForFunction(connected, undefined, { polling: 'raf', timeout: 15_000 });
        const first = performance.now() - t;
        t = performance.now();
        await page.reload();
        await page.waitForFunction(connected, undefined, { polling: 'raf', timeout: 15_000 });
        const again = performance.now() - t;
        // The first open warms the gateway and the browser process; it is not counted.
        if (i > 0) {
          cold.push(first);
          warm.push(again);
        }
        await context.close();
      }
    } finally {
      await browser.close();
      await server.stop();
    }
    opts.log(`${opens} opens`);
    const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { files: ManifestFile[]; shellJsGzip: number };
    const sum = (ext: string, key: 'bytes' | 'gzip') =>
      manifest.files.filter((f) => f.path.endsWith(ext)).reduce((n, f) => n + f[key], 0) / 1024;
    const measurements: Measurement[] = [
      {
        metric: 'open → "Connected", empty cache, p50',
        value: median(cold),
        unit: 'ms',
        goal: { kind: 'below', value: 1000 },
      },
      { metric: 'open → "Connected", empty cache, p99', value: p99(cold), unit: 'ms' },
      { metric: 'reload → "Connected" (cached assets), p50', value: median(warm), unit: 'ms' },
      {
        metric: 'shell JS, gzipped',
        value: manifest.shellJsGzip / 1024,
        unit: 'KB',
        goal: { kind: 'at-most', value: 120 },
      },
      { metric: 'all JS, gzipped (lazy chunks included)', value: sum('.js', 'gzip'), unit: 'KB' },
      { metric: 'all JS, minified', value: sum('.js', 'bytes'), unit: 'KB' },
      { metric: 'CSS, gzipped', value: sum('.css', 'gzip'), unit: 'KB' },
    ];
    return measurements;
  },
};

export default workload;
