import type { TerminalStyle } from '../cli/terminal-style.js';

/**
 * How the transcript looks in `moltbot tui`: one block per message, the assistant's text written
 * as it streams, a tool call as one compact line (`⚙ name {args…}` then `✓`/`✗` with a short
 * result). Everything goes to the terminal's own scrollback, so scrolling back is the terminal's.
 */
export class ChatView {
  /** Characters of the streaming reply already written. */
  private streamed = '';
  private midLine = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly style: TerminalStyle,
    private readonly columns: () => number,
  ) {}

  line(text = ''): void {
    this.endLine();
    this.write(`${text}\n`);
  }

  info(text: string): void {
    this.line(this.style.dim(text));
  }

  error(text: string): void {
    this.line(`${this.style.red('!')} ${text}`);
  }

  user(text: string): void {
    this.line(`${this.style.bold('you')}   ${text}`);
  }

  /** A whole assistant message from the history. */
  assistant(text: string): void {
    this.line(`${this.style.cyan('agent')} ${indentRest(text)}`);
  }

  /** The reply so far (the full text; only what is new is written). */
  streamTo(fullText: string): void {
    if (this.streamed === '' && fullText !== '') {
      this.endLine();
      this.write(`${this.style.cyan('agent')} `);
      this.midLine = true;
    }
    if (!fullText.startsWith(this.streamed)) return;
    const fresh = fullText.slice(this.streamed.length);
    if (fresh) {
      this.write(indentRest(fresh));
      this.midLine = !fresh.endsWith('\n');
    }
    this.streamed = fullText;
  }

  endReply(): void {
    this.endLine();
    this.streamed = '';
  }

  toolCall(name: string, args: unknown): void {
    this.streamed = '';
    this.line(`  ${this.style.yellow('⚙')} ${name} ${this.style.dim(this.short(args, 24))}`);
  }

  toolResult(name: string, result: unknown, isError: boolean): void {
    const mark = isError ? this.style.red('✗') : this.style.green('✓');
    this.line(`  ${mark} ${name} ${this.style.dim(this.short(result, 24))}`);
  }

  private endLine(): void {
    if (this.midLine) this.write('\n');
    this.midLine = false;
  }

  private short(value: unknown, reserved: number): string {
    const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
    const oneLine = text.replace(/\s+/g, ' ').trim();
    const room = Math.max(20, this.columns() - reserved);
    return oneLine.length > room ? `${oneLine.slice(0, room - 1)}…` : oneLine;
  }
}

/** Continuation lines of a message start under its text, not under the label. */
function indentRest(text: string): string {
  return text.replace(/\n(?=.)/g, '\n      ');
}
