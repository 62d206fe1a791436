import { html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { clockTime } from '../format.js';
import { GatewayPage } from '../gateway-page.js';
import { errorText } from '../notices.js';
import { type LogEntry, parseLogLine } from './log-line.js';

interface TailResult {
  file: string;
  cursor: number;
  lines: string[];
  truncated: boolean;
  reset: boolean;
}

const KEEP_LINES = 2000;
const LEVELS = [
  { value: 0, label: 'All levels' },
  { value: 20, label: 'Debug and up' },
  { value: 30, label: 'Info and up' },
  { value: 40, label: 'Warnings and errors' },
  { value: 50, label: 'Errors only' },
];

/** Live tail of gateway.log through `logs.tail` (cursor polling), filters, pause, download. */
@customElement('mb-logs-page')
export class LogsPage extends GatewayPage {
  @state() private entries: LogEntry[] = [];
  @state() private paused = false;
  @state() private minLevel = 0;
  @state() private filter = '';
  @state() private file = '';
  @query('.log-view') private view?: HTMLElement;
  private cursor?: number;
  private polling = false;
  private stickToBottom = true;

  protected override subscribe(): void {
    this.every(1000, () => {
      if (!this.paused && document.visibilityState === 'visible') void this.poll();
    });
  }

  protected override async load(): Promise<void> {
    this.cursor = undefined;
    this.entries = [];
    await this.poll();
  }

  private async poll(): Promise<void> {
    if (this.polling || this.conn.state !== 'connected') return;
    this.polling = true;
    try {
      const r = await this.conn.request<TailResult>(
        'logs.tail',
        this.cursor === undefined ? { limit: 500 } : { cursor: this.cursor, limit: 1000 },
      );
      this.file = r.file;
      this.cursor = r.cursor;
      if (r.lines.length) {
        const fresh = r.lines.map(parseLogLine);
        const all = r.reset ? fresh : [...this.entries, ...fresh];
        this.entries = all.length > KEEP_LINES ? all.slice(-KEEP_LINES) : all;
      }
      this.loadError = undefined;
    } catch (err) {
      this.loadError = errorText(err);
    } finally {
      this.polling = false;
    }
  }

  protected override updated(): void {
    const v = this.view;
    if (v && this.stickToBottom) v.scrollTop = v.scrollHeight;
  }

  private onScroll(): void {
    const v = this.view!;
    this.stickToBottom = v.scrollHeight - v.scrollTop - v.clientHeight < 40;
  }

  private visible(): LogEntry[] {
    const needle = this.filter.trim().toLowerCase();
    return this.entries.filter((e) => e.level >= this.minLevel && (!needle || e.raw.toLowerCase().includes(needle)));
  }

  private download(): void {
    const lines = this.visible().map((e) => e.raw);
    const blob = new Blob([`${lines.join('\n')}\n`], { type: 'application/x-ndjson' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `gateway-log-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`;
    a.click();
    window.setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  override render() {
    const shown = this.visible();
    return html`<section class="page page-fill">
      <header class="page-head">
        <h1 tabindex="-1">Logs</h1>
        <p class="muted">Live tail of <code>${this.file || 'gateway.log'}</code>, newest at the bottom.</p>
      </header>
      <div class="toolbar" role="group" aria-label="Log controls">
        <label class="field-inline">Level
          <select @change=${(e: Event) => (this.minLevel = Number((e.target as HTMLSelectElement).value))}>
            ${LEVELS.map(
              (l) => html`<option value=${l.value} ?selected=${l.value === this.minLevel}>${l.label}</option>`,
            )}
          </select>
        </label>
        <label class="field-inline grow">Filter
          <input type="search" placeholder="text in the line" .value=${this.filter}
            @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} />
        </label>
        <button type="button" aria-pressed=${this.paused ? 'true' : 'false'} @click=${() =>
          (this.paused = !this.paused)}>
          ${this.paused ? 'Resume' : 'Pause'}</button>
        <button type="button" @click=${() => this.download()}>Download</button>
      </div>
      ${this.loadError ? html`<div class="alert alert-error" role="alert">${this.loadError}</div>` : nothing}
      <p class="muted small" aria-live="polite">${shown.length} of ${this.entries.length} lines${
        this.paused ? ' · paused' : ''
      }</p>
      <div class="log-view" tabindex="0" aria-label="Log lines" @scroll=${() => this.onScroll()}>
        ${
          shown.length === 0
            ? html`<p class="empty-inline">
                ${this.entries.length ? 'No line matches the filters.' : 'The log is empty so far.'}</p>`
            : shown.map(
                (e) => html`<div class=${`log-line lvl-${e.levelName}`}>
                  <span class="log-time">${clockTime(e.time)}</span>
                  <span class="log-level">${e.levelName}</span>
                  <span class="log-src">${e.plugin ?? e.component ?? 'gateway'}</span>
                  <span class="log-msg">${e.msg}${
                    e.extra ? html` <span class="log-extra">${e.extra}</span>` : nothing
                  }</span>
                </div>`,
              )
        }
      </div>
    </section>`;
  }
}
