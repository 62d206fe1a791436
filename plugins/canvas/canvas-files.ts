import fs from 'node:fs';
import path from 'node:path';
import type MarkdownItType from 'markdown-it';
import { canvasError } from './errors.js';

export const CANVAS_PREFIX = '/__moltbot__/canvas/';
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const MAX_CONTENT_BYTES = 2 * 1024 * 1024;
let markdown: InstanceType<typeof MarkdownItType> | undefined;

export interface CanvasFile {
  name: string;
  bytes: number;
  modifiedAtMs: number;
  /** Path under the canvas prefix, e.g. `/__moltbot__/canvas/report.html`. */
  path: string;
}

/** Pages the agent writes into the canvas root: one `<name>.html` per presented page. */
export class CanvasFiles {
  constructor(private readonly root: string) {}

  async present(input: { name?: string; html?: string; markdown?: string; title?: string }): Promise<CanvasFile> {
    const name = input.name ?? 'index';
    if (!NAME.test(name))
      throw canvasError(
        'GW_ERR_CANVAS_BAD_NAME',
        `canvas page name "${name}" is not allowed: use 1-64 letters, digits, "-" or "_" (no extension, no folders)`,
      );
    if ((input.html === undefined) === (input.markdown === undefined))
      throw canvasError('GW_ERR_CANVAS_BAD_CONTENT', 'present needs exactly one of html or markdown');
    const body = input.html ?? (await renderMarkdown(input.markdown!, input.title ?? name));
    if (Buffer.byteLength(body) > MAX_CONTENT_BYTES)
      throw canvasError('GW_ERR_CANVAS_BAD_CONTENT', `canvas page is larger than ${MAX_CONTENT_BYTES} bytes`);
    const file = path.join(this.root, `${name}.html`);
    // Temp file + rename: a page never shows half-written (live reload fires on the rename).
    const tmp = path.join(this.root, `.${name}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, body, { mode: 0o644 });
    fs.renameSync(tmp, file);
    return this.describe(`${name}.html`);
  }

  list(): CanvasFile[] {
    const out: CanvasFile[] = [];
    const walk = (dir: string, rel: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name.startsWith('.')) continue;
        const relative = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(path.join(dir, entry.name), relative);
        else if (entry.isFile()) out.push(this.describe(relative));
      }
    };
    walk(this.root, '');
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Remove one page (`name`), or every file except index.html; returns what was removed. */
  clear(name?: string): string[] {
    if (name !== undefined) {
      if (!NAME.test(name)) throw canvasError('GW_ERR_CANVAS_BAD_NAME', `canvas page name "${name}" is not allowed`);
      const file = path.join(this.root, `${name}.html`);
      if (!fs.existsSync(file)) throw canvasError('GW_ERR_CANVAS_NOT_FOUND', `no canvas page named "${name}"`);
      fs.rmSync(file);
      return [`${name}.html`];
    }
    const removed: string[] = [];
    for (const entry of fs.readdirSync(this.root, { withFileTypes: true })) {
      if (entry.name === 'index.html' || entry.name.startsWith('.')) continue;
      fs.rmSync(path.join(this.root, entry.name), { recursive: true, force: true });
      removed.push(entry.name);
    }
    return removed.sort();
  }

  private describe(relative: string): CanvasFile {
    const st = fs.statSync(path.join(this.root, relative));
    return {
      name: relative,
      bytes: st.size,
      modifiedAtMs: Math.round(st.mtimeMs),
      path: CANVAS_PREFIX + relative.split('/').map(encodeURIComponent).join('/'),
    };
  }
}

async function renderMarkdown(source: string, title: string): Promise<string> {
  // Markdown from a model: rendered without raw HTML (a present with html is for that).
  // Loaded on first use, like most of what only the agent's tools need.
  if (!markdown) {
    const { default: MarkdownIt } = await import('markdown-it');
    markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });
  }
  const escapedTitle = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapedTitle}</title>
<style>
  body { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; font: 16px/1.6 system-ui, sans-serif; color: #1d232a; }
  pre, code { background: #f2f4f7; border-radius: 4px; } pre { padding: .75rem; overflow: auto; }
  table { border-collapse: collapse; } td, th { border: 1px solid #d5dae0; padding: .3rem .6rem; }
</style>
</head>
<body>
${markdown.render(source)}</body>
</html>
`;
}
