import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../config/config-form.js';
import {
  applyMergePatch,
  combinedSchema,
  getAt,
  isSecretKey,
  type JsonSchema,
  mergePatchOf,
  REDACTED,
  type SchemaPart,
} from '../config/schema-tree.js';
import { GatewayRequestError } from '../gateway/protocol-types.js';
import { GatewayPage } from '../gateway-page.js';
import { errorText, notify } from '../notices.js';

interface ConfigGet {
  path: string;
  hash: string;
  valid: boolean;
  config: Record<string, unknown>;
  error?: { message: string; path?: string; at: number };
}

interface ApplyResult {
  ok: true;
  dryRun?: true;
  hash: string;
  changed: string[];
  restart: boolean;
  restartDeferred: string[];
  plugins: Record<string, 'load' | 'reload' | 'unload'>;
  warnings: Array<{ path: string; message: string }>;
}

interface Issue {
  path: string;
  message: string;
  owner?: string;
}

type Pending = { kind: 'patch'; patch: Record<string, unknown> } | { kind: 'raw'; raw: string };

/**
 * The config: a form generated from `config.schema`, or the raw JSON5. Every edit is first
 * sent as a dry run — the gateway validates it and answers with the reload plan — and shown
 * as a diff; Apply sends it for real with the hash it was based on.
 */
@customElement('mb-config-page')
export class ConfigPage extends GatewayPage {
  @state() private current?: ConfigGet;
  @state() private schema?: JsonSchema;
  @state() private mode: 'form' | 'raw' = 'form';
  @state() private edits = new Map<string, unknown>();
  @state() private raw = '';
  @state() private review?: { pending: Pending; result: ApplyResult; next: unknown };
  @state() private outcome?: { result: ApplyResult; generations: Record<string, string> };
  @state() private failure?: { message: string; issues: Issue[] };
  @state() private busy = false;

  protected override subscribe(): void {
    this.listen('config', (f) => {
      if (f.payload?.status === 'applied' && !this.busy && f.payload.hash !== this.current?.hash)
        void this.loadConfig();
      if (f.payload?.status === 'rejected') void this.loadConfig();
    });
  }

  protected override async load(): Promise<void> {
    const [, schema] = await Promise.all([
      this.loadConfig(),
      this.conn.request<{ kernel: JsonSchema; plugins: SchemaPart[] }>('config.schema'),
    ]);
    this.schema = combinedSchema(schema.kernel, schema.plugins);
  }

  private async loadConfig(): Promise<void> {
    this.current = await this.conn.request<ConfigGet>('config.get');
    if (!this.review) this.raw = `${JSON.stringify(this.current.config, null, 2)}\n`;
  }

  private onEdit(ev: CustomEvent<{ path: string; value: unknown }>): void {
    const next = new Map(this.edits);
    const { path, value } = ev.detail;
    if (JSON.stringify(value) === JSON.stringify(getAt(this.current?.config, path.split('.')))) next.delete(path);
    else next.set(path, value);
    this.edits = next;
    this.review = undefined;
    this.outcome = undefined;
    this.failure = undefined;
  }

  private async send(pending: Pending, dryRun: boolean): Promise<ApplyResult> {
    const baseHash = this.current?.hash;
    return pending.kind === 'patch'
      ? this.conn.request<ApplyResult>(
          'config.patch',
          { patch: pending.patch, baseHash, dryRun },
          { timeoutMs: 60_000 },
        )
      : this.conn.request<ApplyResult>('config.set', { raw: pending.raw, baseHash, dryRun }, { timeoutMs: 60_000 });
  }

  private async validate(): Promise<void> {
    const pending: Pending =
      this.mode === 'form' ? { kind: 'patch', patch: mergePatchOf(this.edits) } : { kind: 'raw', raw: this.raw };
    this.busy = true;
    this.failure = undefined;
    this.outcome = undefined;
    try {
      const result = await this.send(pending, true);
      const next =
        pending.kind === 'patch' ? applyMergePatch(this.current?.config, pending.patch) : await parseJson5(pending.raw);
      this.review = { pending, result, next };
    } catch (err) {
      this.review = undefined;
      this.failure = failureOf(err);
    } finally {
      this.busy = false;
    }
  }

  private async apply(): Promise<void> {
    if (!this.review) return;
    this.busy = true;
    try {
      const result = await this.send(this.review.pending, false);
      const generations: Record<string, string> = {};
      if (Object.keys(result.plugins).length && this.conn.hasMethod('plugins.list')) {
        const { plugins } = await this.conn.request<{
          plugins: Array<{ id: string; state: string; generation: number }>;
        }>('plugins.list');
        for (const p of plugins)
          if (p.id in result.plugins)
            generations[p.id] = `${p.state}${p.generation ? `, generation ${p.generation}` : ''}`;
      }
      this.outcome = { result, generations };
      this.review = undefined;
      this.edits = new Map();
      notify(result.changed.length ? `Config applied (${result.changed.length} change(s))` : 'Nothing changed');
      await this.loadConfig();
      this.raw = `${JSON.stringify(this.current!.config, null, 2)}\n`;
    } catch (err) {
      this.failure = failureOf(err);
      this.review = undefined;
    } finally {
      this.busy = false;
    }
  }

  private discard(): void {
    this.edits = new Map();
    this.review = undefined;
    this.failure = undefined;
    this.raw = `${JSON.stringify(this.current?.config ?? {}, null, 2)}\n`;
  }

  override render() {
    const c = this.current;
    const dirty =
      this.mode === 'form' ? this.edits.size > 0 : this.raw !== `${JSON.stringify(c?.config ?? {}, null, 2)}\n`;
    return html`<section class="page">
      <header class="page-head">
        <h1 tabindex="-1">Config</h1>
        <p class="muted">${c ? html`<code>${c.path}</code>` : 'Loading…'} — edits are validated by the gateway and
          shown with their reload plan before anything is written.</p>
      </header>
      ${this.loadError ? html`<div class="alert alert-error" role="alert">${this.loadError}</div>` : nothing}
      ${
        c?.error
          ? html`<div class="alert alert-warn" role="alert"><strong>The last edit of the file was rejected</strong>
              (the gateway still runs the previous config): ${
                c.error.path ? html`<code>${c.error.path}</code> ` : nothing
              }${c.error.message}</div>`
          : nothing
      }
      <div class="segmented" role="group" aria-label="Editor">
        <button type="button" aria-pressed=${this.mode === 'form' ? 'true' : 'false'} @click=${() =>
          this.switchMode('form')}>Form</button>
        <button type="button" aria-pressed=${this.mode === 'raw' ? 'true' : 'false'} @click=${() =>
          this.switchMode('raw')}>Raw JSON5</button>
      </div>
      ${
        this.mode === 'form'
          ? html`<mb-config-form .schema=${this.schema} .config=${c?.config ?? {}} .edits=${this.edits}
              @mb-config-edit=${(e: CustomEvent<{ path: string; value: unknown }>) => this.onEdit(e)}></mb-config-form>`
          : html`<label class="sr-only" for="raw-config">Raw config (JSON5)</label>
              <textarea id="raw-config" class="code raw-editor" spellcheck="false" .value=${this.raw}
                @input=${(e: Event) => {
                  this.raw = (e.target as HTMLTextAreaElement).value;
                  this.review = undefined;
                  this.outcome = undefined;
                }}></textarea>
              <p class="muted small">Secrets show as <code>${REDACTED}</code>; leave them so and the stored value is
                kept.</p>`
      }
      <div class="action-bar">
        <button type="button" class="primary" ?disabled=${!dirty || this.busy} @click=${() =>
          void this.validate()}>Review changes</button>
        <button type="button" ?disabled=${!dirty || this.busy} @click=${() => this.discard()}>Discard</button>
        ${
          this.mode === 'form' && this.edits.size
            ? html`<span class="muted small">${this.edits.size} field(s) edited</span>`
            : nothing
        }
      </div>
      ${this.failure ? this.renderFailure(this.failure) : nothing}
      ${this.review ? this.renderReview(this.review) : nothing}
      ${this.outcome ? this.renderOutcome(this.outcome) : nothing}
    </section>`;
  }

  private switchMode(mode: 'form' | 'raw'): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.review = undefined;
    this.failure = undefined;
  }

  private renderFailure(f: { message: string; issues: Issue[] }) {
    return html`<section class="card card-error" role="alert" aria-labelledby="cfg-failure">
      <h2 id="cfg-failure">The gateway refused this edit</h2>
      <p>${f.message}</p>
      ${
        f.issues.length
          ? html`<ul class="issues">${f.issues.map(
              (i) => html`<li><code>${i.path || '(root)'}</code>
        ${i.message}${
          i.owner && i.owner !== 'kernel' ? html` <span class="muted">(plugin ${i.owner})</span>` : nothing
        }</li>`,
            )}</ul>`
          : nothing
      }
      <p class="muted small">Nothing was written: the gateway keeps running its current config.</p>
    </section>`;
  }

  private renderReview(r: { result: ApplyResult; next: unknown }) {
    const { result } = r;
    return html`<section class="card" aria-labelledby="cfg-review">
      <h2 id="cfg-review">Review: ${result.changed.length} change(s)</h2>
      ${
        result.changed.length === 0
          ? html`<p class="empty-inline">This is the running config already.</p>`
          : html`<table class="table diff">
              <thead><tr><th scope="col">Path</th><th scope="col">Now</th><th scope="col">After</th></tr></thead>
              <tbody>${result.changed.map(
                (p) => html`<tr><th scope="row"><code>${p}</code></th>
                  <td class="diff-old"><code>${shown(p, getAt(this.current?.config, p.split('.')))}</code></td>
                  <td class="diff-new"><code>${shown(
                    p,
                    r.next === undefined ? '(see raw)' : getAt(r.next, p.split('.')),
                  )}</code></td></tr>`,
              )}</tbody></table>`
      }
      <h3>Reload plan</h3>
      ${planList(result)}
      ${
        result.warnings.length
          ? html`<ul class="issues">${result.warnings.map(
              (w) => html`<li><code>${w.path}</code>
        ${w.message}</li>`,
            )}</ul>`
          : nothing
      }
      <div class="action-bar">
        <button type="button" class="primary" ?disabled=${this.busy || result.changed.length === 0} @click=${() =>
          void this.apply()}>Apply</button>
        <button type="button" @click=${() => (this.review = undefined)}>Back to editing</button>
      </div>
    </section>`;
  }

  private renderOutcome(o: { result: ApplyResult; generations: Record<string, string> }) {
    return html`<section class="card card-ok" aria-labelledby="cfg-outcome">
      <h2 id="cfg-outcome">Applied</h2>
      ${planList(o.result, o.generations)}
    </section>`;
  }
}

function planList(result: ApplyResult, generations: Record<string, string> = {}) {
  const plugins = Object.entries(result.plugins);
  const verbs = { load: 'loaded', reload: 'reloaded', unload: 'unloaded' } as const;
  const done = Object.keys(generations).length > 0 || !result.dryRun;
  return html`<ul class="plan">
    ${
      result.restart
        ? html`<li><span class="badge badge-warn">restart</span> The gateway restarts in-process to apply this
        (clients reconnect by themselves).</li>`
        : nothing
    }
    ${plugins.map(
      ([
        id,
        action,
      ]) => html`<li><span class="badge">plugin ${done ? verbs[action] : action}</span> <strong>${id}</strong>
        ${generations[id] ? html`<span class="muted">— now ${generations[id]}</span>` : nothing}</li>`,
    )}
    ${
      !result.restart && plugins.length === 0 && result.changed.length > 0
        ? html`<li><span class="badge badge-ok">hot</span> Applied live by the kernel, no plugin reload needed.</li>`
        : nothing
    }
    ${
      result.restartDeferred.length
        ? html`<li><span class="badge badge-warn">deferred</span> Takes effect at the next restart:
        ${result.restartDeferred.map((p) => html`<code>${p}</code> `)}</li>`
        : nothing
    }
  </ul>`;
}

function shown(path: string, value: unknown): string {
  if (value === undefined) return '(not set)';
  if (isSecretKey(path.split('.').pop() ?? '') || value === REDACTED) return '(secret)';
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

function failureOf(err: unknown): { message: string; issues: Issue[] } {
  if (err instanceof GatewayRequestError) {
    const issues = (err.details as { issues?: Issue[] } | undefined)?.issues ?? [];
    return { message: err.message, issues };
  }
  return { message: errorText(err), issues: [] };
}

/** The raw editor's text as data, for the diff (JSON5 is loaded only when needed). */
async function parseJson5(text: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    try {
      const { default: JSON5 } = await import('json5');
      return JSON5.parse(text);
    } catch {
      return undefined;
    }
  }
}
