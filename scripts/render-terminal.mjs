#!/usr/bin/env node
// Renders a terminal screen captured by a test (plain text, one row per line) to a PNG for the
// docs, in Debian's Chromium through playwright-core. Colors follow what `moltbot tui` prints on
// a color terminal (the test runs it with NO_COLOR). Usage:
//   node scripts/render-terminal.mjs .tmp/tui-screen.txt docs/images/tui-chat.png
//   node scripts/render-terminal.mjs .tmp/setup-screen.txt docs/images/setup-wizard.png
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write('usage: render-terminal.mjs <screen.txt> <out.png>\n');
  process.exit(2);
}
const rows = fs.readFileSync(input, 'utf8').replace(/\s+$/, '').split('\n');
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// `moltbot setup` (@clack/prompts): the guide line dim, answered steps green, warnings yellow.
const clack = (e) =>
  e
    .replace(/^([│┌└├])/, '<span class="dim">$1</span>')
    .replace(/^([◇✓])/, '<span class="green">$1</span>')
    .replace(/^([◆●])/, '<span class="cyan">$1</span>')
    .replace(/^▲/, '<span class="yellow">▲</span>')
    .replace(/^■/, '<span class="red">■</span>')
    .replace(/([─╮╯│]+)$/, '<span class="dim">$1</span>')
    .replace(/^(Next steps:)$/, '<b>$1</b>');
const paint = (row) => {
  const e = esc(row);
  if (/^[│┌└├◇◆●▲■✓]|^Next steps:$/.test(row)) return clack(e);
  if (/^(\/new|bye|… |\(aborted\)|\(Ctrl-C)/.test(row) || /^model for this session/.test(row))
    return `<span class="dim">${e}</span>`;
  if (row.startsWith('── session')) return `<span class="dim">${e}</span>`;
  return e
    .replace(/^you( ›| {3})/, '<b>you</b>$1')
    .replace(/^agent /, '<span class="cyan">agent</span> ')
    .replace(/^moltbot tui/, '<b>moltbot tui</b><span class="dim">')
    .replace(/^( {2})⚙ (\S+) (.*)$/, '$1<span class="yellow">⚙</span> $2 <span class="dim">$3</span>')
    .replace(/^( {2})✓ (\S+) (.*)$/, '$1<span class="green">✓</span> $2 <span class="dim">$3</span>')
    .replace(/^( {2})✗ (\S+) (.*)$/, '$1<span class="red">✗</span> $2 <span class="dim">$3</span>');
};
const html = `<!doctype html><meta charset="utf-8"><style>
  body { margin: 0; background: #1e1f24; }
  .win { margin: 16px; border-radius: 8px; overflow: hidden; box-shadow: 0 4px 16px #0008; width: max-content; }
  .bar { background: #34353b; height: 28px; display: flex; align-items: center; padding-left: 12px; gap: 8px; }
  .bar i { width: 12px; height: 12px; border-radius: 50%; display: inline-block; }
  pre { margin: 0; padding: 12px 16px; background: #0f1014; color: #d8dae0;
    font: 14px/1.35 'DejaVu Sans Mono', monospace; }
  .dim { color: #7d818c; } .cyan { color: #5fd7ff; } .green { color: #87d787; } .yellow { color: #ffd75f; }
  .red { color: #ff6b6b; } b { color: #ffffff; }
</style><div class="win"><div class="bar"><i style="background:#ff5f57"></i><i style="background:#febc2e"></i>
<i style="background:#28c840"></i></div><pre>${rows.map(paint).join('\n')}</pre></div>`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  await page.setContent(html);
  await page.locator('.win').screenshot({ path: output });
} finally {
  await browser.close();
}
process.stdout.write(`wrote ${output}\n`);
