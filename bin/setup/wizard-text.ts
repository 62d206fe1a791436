import { styleText } from 'node:util';
import { wrapAnsi } from 'fast-wrap-ansi';

/** What clack puts before a message: its symbol (or the guide bar) and two spaces. */
const GUTTER = 3;

/**
 * A wizard message broken at word boundaries to fit the terminal. @clack/prompts writes log lines
 * and a spinner's last line as given, so a line wider than the terminal is cut by the terminal
 * wherever its row ends — mid-word — and the rest starts in column 0, outside the guide bar.
 * `p.log.*` puts the guide before every line after a newline itself: give it this text.
 */
export function fitToTerminal(text: string, output: { columns?: number }): string {
  const columns = output.columns;
  if (!columns) return text;
  // hard: a word longer than the row (a URL) is still cut, but only that one.
  return wrapAnsi(text, Math.max(20, columns - GUTTER), { hard: true });
}

/**
 * The same for a spinner's stop/error message: clack adds no guide there, so the lines get it
 * here (`bar`: clack's own `S_BAR`, `│` or `|` where the terminal has no Unicode).
 */
export function fitSpinnerText(text: string, output: { columns?: number }, bar = '│'): string {
  return fitToTerminal(text, output).replace(/\n/g, `\n${styleText('gray', bar)}  `);
}
