import fs from 'node:fs';
import path from 'node:path';
import { canvasError } from './errors.js';

/** The page a fresh canvas shows until the agent presents something. */
const DEFAULT_INDEX = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Moltbot canvas</title>
<style>
  html, body { height: 100%; margin: 0; }
  body { display: grid; place-items: center; background: #101418; color: #e8edf2;
         font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  main { max-width: 36rem; padding: 2rem; border: 1px solid #2a323b; border-radius: 14px; background: #161c22; }
  h1 { margin: 0 0 .5rem; font-size: 1.4rem; }
  code { background: #222a33; padding: .1rem .35rem; border-radius: 4px; }
  p { color: #aab6c2; }
</style>
</head>
<body>
<main>
  <h1>Moltbot canvas</h1>
  <p>This is the agent's screen. Pages the agent presents (its <code>canvas</code> tool) are written
  to this folder and appear here; the page reloads by itself when a file changes.</p>
</main>
</body>
</html>
`;

/** Create the root (and its index.html when missing); returns its real path (symlinks resolved). */
export function prepareCanvasRoot(root: string): string {
  try {
    fs.mkdirSync(root, { recursive: true, mode: 0o755 });
    const index = path.join(root, 'index.html');
    if (!fs.existsSync(index)) fs.writeFileSync(index, DEFAULT_INDEX, { mode: 0o644 });
    return fs.realpathSync(root);
  } catch (err) {
    throw canvasError(
      'GW_ERR_CANVAS_ROOT',
      `cannot prepare the canvas root ${root}: ${(err as Error).message} (set canvasHost.root to a writable folder)`,
      { cause: err },
    );
  }
}
