import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LightElement } from '../light-element.js';
import { enumValues, fieldKind, getAt, isSecretKey, type JsonSchema, REDACTED } from './schema-tree.js';

/**
 * A form generated from the config's JSON schema: a collapsible section per top-level key,
 * an input per field (checkbox, number, text, select, one-per-line list, JSON for the rest)
 * with its description. It reports edits as `mb-config-edit` events (dotted path → value,
 * `undefined` to remove); the page turns them into a merge patch.
 */
@customElement('mb-config-form')
export class ConfigForm extends LightElement {
  @property({ attribute: false }) schema?: JsonSchema;
  @property({ attribute: false }) config: Record<string, unknown> = {};
  @property({ attribute: false }) edits: ReadonlyMap<string, unknown> = new Map();
  @state() private open = new Set<string>();
  @state() private jsonErrors = new Map<string, string>();

  private value(path: string[]): unknown {
    const dotted = path.join('.');
    return this.edits.has(dotted) ? this.edits.get(dotted) : getAt(this.config, path);
  }

  private edit(path: string[], value: unknown): void {
    this.dispatchEvent(new CustomEvent('mb-config-edit', { detail: { path: path.join('.'), value }, bubbles: true }));
  }

  private toggle(key: string, ev: Event): void {
    const next = new Set(this.open);
    if ((ev.target as HTMLDetailsElement).open) next.add(key);
    else next.delete(key);
    this.open = next;
  }

  override render() {
    const props = Object.entries(this.schema?.properties ?? {}).sort(([a], [b]) => sectionOrder(a) - sectionOrder(b));
    return html`${props.map(
      ([key, s]) => html`<details class="config-section" ?open=${this.open.has(key)}
        @toggle=${(e: Event) => this.toggle(key, e)}>
        <summary><span class="section-name">${key}</span>
          <span class="muted small">${s.description ?? SECTION_HINTS[key] ?? ''}</span></summary>
        ${this.open.has(key) ? html`<div class="config-fields">${this.fields([key], s)}</div>` : nothing}
      </details>`,
    )}`;
  }

  private fields(path: string[], s: JsonSchema): TemplateResult | TemplateResult[] {
    if (fieldKind(s) !== 'object') return this.field(path, s);
    return Object.entries(s.properties ?? {}).map(([k, child]) => {
      const p = [...path, k];
      if (fieldKind(child) === 'object')
        return html`<fieldset class="config-group"><legend>${k}</legend>
          ${child.description ? html`<p class="field-help">${child.description}</p>` : nothing}
          ${this.fields(p, child)}</fieldset>`;
      return this.field(p, child);
    });
  }

  private field(path: string[], s: JsonSchema): TemplateResult {
    const dotted = path.join('.');
    const id = `cfg-${dotted.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const key = path[path.length - 1]!;
    const value = this.value(path);
    const changed = this.edits.has(dotted);
    const help = s.description ? html`<p class="field-help" id=${`${id}-help`}>${s.description}</p>` : nothing;
    const describedBy = s.description ? `${id}-help` : undefined;
    const kind = fieldKind(s);
    let control: TemplateResult;
    if (kind === 'boolean') {
      const checked = value === undefined ? s.default === true : value === true;
      return html`<div class=${`field field-check${changed ? ' field-changed' : ''}`}>
        <input type="checkbox" id=${id} data-path=${dotted} aria-label=${dotted} aria-describedby=${
          describedBy ?? nothing
        }
          .checked=${checked} @change=${(e: Event) => this.edit(path, (e.target as HTMLInputElement).checked)} />
        <label for=${id}>${key}</label>${help}</div>`;
    }
    if (kind === 'enum') {
      const values = enumValues(s);
      control = html`<select id=${id} data-path=${dotted} aria-label=${dotted}
        aria-describedby=${describedBy ?? nothing}
        @change=${(e: Event) => {
          const i = Number((e.target as HTMLSelectElement).value);
          this.edit(path, i < 0 ? undefined : values[i]);
        }}>
        <option value="-1" ?selected=${value === undefined}>${
          s.default !== undefined ? `default (${String(s.default)})` : '(not set)'
        }</option>
        ${values.map((v, i) => html`<option value=${i} ?selected=${v === value}>${String(v)}</option>`)}
      </select>`;
    } else if (kind === 'number') {
      control = html`<input type="number" id=${id} data-path=${dotted} aria-label=${dotted}
        aria-describedby=${describedBy ?? nothing}
        min=${s.minimum ?? nothing} max=${s.maximum ?? nothing} step=${s.type === 'integer' ? '1' : 'any'}
        placeholder=${s.default !== undefined ? String(s.default) : ''} .value=${
          value === undefined ? '' : String(value)
        }
        @change=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value;
          this.edit(path, raw === '' ? undefined : Number(raw));
        }} />`;
    } else if (kind === 'string') {
      const secret = isSecretKey(key);
      control = html`<input type=${secret ? 'password' : 'text'} id=${id} data-path=${dotted} aria-label=${dotted}
        aria-describedby=${describedBy ?? nothing} autocomplete="off" spellcheck="false"
        placeholder=${
          value === REDACTED ? 'set (hidden) — type to replace' : s.default !== undefined ? String(s.default) : ''
        }
        .value=${value === undefined || value === REDACTED ? '' : String(value)}
        @change=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value;
          this.edit(path, raw === '' ? (secret && getAt(this.config, path) === REDACTED ? REDACTED : undefined) : raw);
        }} />`;
    } else if (kind === 'string-list') {
      const list = Array.isArray(value) ? (value as unknown[]).map(String) : [];
      control = html`<textarea id=${id} data-path=${dotted} aria-label=${dotted}
        aria-describedby=${describedBy ?? nothing}
        rows=${Math.min(6, Math.max(2, list.length + 1))} placeholder="one per line" .value=${list.join('\n')}
        @change=${(e: Event) => {
          const lines = (e.target as HTMLTextAreaElement).value
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean);
          this.edit(path, lines.length ? lines : undefined);
        }}></textarea>`;
    } else {
      const error = this.jsonErrors.get(dotted);
      control = html`<textarea class="code" id=${id} data-path=${dotted} aria-label=${dotted}
        aria-describedby=${describedBy ?? nothing} aria-invalid=${error ? 'true' : 'false'} spellcheck="false"
        rows=${value === undefined ? 2 : Math.min(12, JSON.stringify(value, null, 2).split('\n').length)}
        placeholder="JSON value" .value=${value === undefined ? '' : JSON.stringify(value, null, 2)}
        @change=${(e: Event) => this.editJson(path, (e.target as HTMLTextAreaElement).value)}></textarea>
        ${error ? html`<p class="text-error small" role="alert">${error}</p>` : nothing}`;
    }
    return html`<div class=${`field${changed ? ' field-changed' : ''}`}>
      <label for=${id}>${key}</label>${control}${help}</div>`;
  }

  private editJson(path: string[], raw: string): void {
    const dotted = path.join('.');
    const errors = new Map(this.jsonErrors);
    if (raw.trim() === '') {
      errors.delete(dotted);
      this.jsonErrors = errors;
      this.edit(path, undefined);
      return;
    }
    try {
      const parsed = JSON.parse(raw);
      errors.delete(dotted);
      this.jsonErrors = errors;
      this.edit(path, parsed);
    } catch (err) {
      errors.set(dotted, `not valid JSON: ${(err as Error).message}`);
      this.jsonErrors = errors;
    }
  }
}

const SECTION_HINTS: Record<string, string> = {
  gateway: 'port, bind, auth, dashboard, HTTP endpoints, reload',
  channels: 'Telegram and WhatsApp accounts',
  agents: 'default model, workspace, limits',
  models: 'model providers and their keys',
  plugins: 'plugins to load and their config',
  logging: 'log level',
  messages: 'queueing of messages per session',
  tools: 'which agent tools may run',
  session: 'session keys and DM scope',
};

const ORDER = ['gateway', 'channels', 'agents', 'models', 'messages', 'tools', 'session', 'plugins', 'logging'];
function sectionOrder(key: string): number {
  const i = ORDER.indexOf(key);
  return i < 0 ? ORDER.length : i;
}
