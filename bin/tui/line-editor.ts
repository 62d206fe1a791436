import readline from 'node:readline';

export interface LineEditorEvents {
  submit(line: string): void;
  /** Ctrl-C. */
  interrupt(): void;
  /** Ctrl-D on an empty line. */
  end(): void;
}

/**
 * The input line at the bottom of `moltbot tui`: raw-mode keypresses into a buffer, with history
 * (↑/↓), Backspace, Ctrl-U, Ctrl-W. While the agent streams, the line is hidden (`hide()`) and
 * typing goes on into the buffer, drawn again by `show()` — so streamed text and typed text never
 * mix on one row.
 */
export class LineEditor {
  private buffer = '';
  private readonly history: string[] = [];
  private historyAt = -1;
  private visible = false;
  private readonly onKey = (str: string | undefined, key: readline.Key | undefined) => this.key(str, key);

  constructor(
    private readonly input: NodeJS.ReadStream,
    private readonly output: NodeJS.WriteStream,
    private readonly prompt: string,
    private readonly events: LineEditorEvents,
  ) {}

  start(): void {
    readline.emitKeypressEvents(this.input);
    if (this.input.isTTY) this.input.setRawMode(true);
    this.input.on('keypress', this.onKey);
    this.input.resume();
  }

  stop(): void {
    this.input.off('keypress', this.onKey);
    if (this.input.isTTY) this.input.setRawMode(false);
    this.input.pause();
  }

  get text(): string {
    return this.buffer;
  }

  /** Draw the prompt and the buffer on the current (empty) row. */
  show(): void {
    this.visible = true;
    this.draw();
  }

  /** Clear the input row so output can take it. */
  hide(): void {
    if (!this.visible) return;
    this.visible = false;
    this.output.write('\r\x1b[2K');
  }

  private draw(): void {
    if (!this.visible) return;
    // Only the tail that fits on one row: a wrapped input line could not be cleared reliably.
    const room = Math.max(10, (this.output.columns ?? 80) - visibleLength(this.prompt) - 1);
    const shown = this.buffer.length > room ? `…${this.buffer.slice(-(room - 1))}` : this.buffer;
    this.output.write(`\r\x1b[2K${this.prompt}${shown}`);
  }

  private key(str: string | undefined, key: readline.Key | undefined): void {
    const name = key?.name;
    if (key?.ctrl && name === 'c') return this.events.interrupt();
    if (key?.ctrl && name === 'd') {
      if (this.buffer === '') this.events.end();
      return;
    }
    if (name === 'return' || name === 'enter') {
      const line = this.buffer;
      this.buffer = '';
      this.historyAt = -1;
      if (line.trim()) this.history.unshift(line);
      if (this.history.length > 200) this.history.pop();
      if (this.visible) this.output.write('\r\n');
      this.visible = false;
      this.events.submit(line);
      return;
    }
    if (name === 'backspace') this.buffer = [...this.buffer].slice(0, -1).join('');
    else if (key?.ctrl && name === 'u') this.buffer = '';
    else if (key?.ctrl && name === 'w') this.buffer = this.buffer.replace(/\S+\s*$/, '');
    else if (name === 'up' && this.history.length) {
      this.historyAt = Math.min(this.historyAt + 1, this.history.length - 1);
      this.buffer = this.history[this.historyAt]!;
    } else if (name === 'down') {
      this.historyAt = Math.max(this.historyAt - 1, -1);
      this.buffer = this.historyAt === -1 ? '' : this.history[this.historyAt]!;
    } else if (str && !key?.ctrl && !key?.meta && !/[\x00-\x1f\x7f]/.test(str)) this.buffer += str;
    else return;
    this.draw();
  }
}

function visibleLength(s: string): number {
  return s.replace(/\x1b\[[0-9;]*m/g, '').length;
}
