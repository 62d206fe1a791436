import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { duration, relativeTime } from '../format.js';
import { GatewayPage } from '../gateway-page.js';
import { errorText, notify } from '../notices.js';

interface PluginRow {
  id: string;
  source: 'builtin' | 'external';
  from?: string;
  enabled: boolean;
  state: string;
  version?: string;
  generation: number;
  configKeys: string[];
  lastError?: { code: string; message: string; at: number };
  loadedAt?: number;
  loadMs?: number;
  methods: string[];
  routes: string[];
}

/** Every plugin the gateway knows: version, state, generation, last error, and a reload button. */
@customElement('mb-plugins-page')
export class PluginsPage extends GatewayPage {
  @state() private plugins: PluginRow[] = [];
  @state() private busy = new Set<string>();

  protected override subscribe(): void {
    this.listen('health', () => void this.reload());
  }

  protected override async load(): Promise<void> {
    this.plugins = (await this.conn.request<{ plugins: PluginRow[] }>('plugins.list')).plugins;
  }

  private async reloadPlugin(id: string): Promise<void> {
    this.busy = new Set([...this.busy, id]);
    try {
      const { plugin } = await this.conn.request<{ plugin: PluginRow }>(
        'plugins.reload',
        { id },
        { timeoutMs: 60_000 },
      );
      notify(
        plugin.state === 'active'
          ? `Reloaded ${id}: generation ${plugin.generation} is active`
          : `Reloaded ${id}: it is ${plugin.state}${plugin.lastError ? ` (${plugin.lastError.message})` : ''}`,
        plugin.state === 'active' ? 'ok' : 'error',
      );
      await this.load();
    } catch (err) {
      notify(`Could not reload ${id}: ${errorText(err)}`, 'error');
    } finally {
      const next = new Set(this.busy);
      next.delete(id);
      this.busy = next;
    }
  }

  override render() {
    const admin = this.conn.hasMethod('plugins.reload');
    return html`<section class="page">
      <header class="page-head">
        <h1 tabindex="-1">Plugins</h1>
        <p class="muted">Everything beyond the port, auth and the handshake is a plugin. A reload builds a new
          generation with the current config; the old one drains.</p>
      </header>
      ${this.loadError ? html`<div class="alert alert-error" role="alert">${this.loadError}</div>` : nothing}
      <div class="table-wrap">
        <table class="table stack">
          <thead>
            <tr><th scope="col">Plugin</th><th scope="col">Version</th><th scope="col">State</th>
              <th scope="col">Generation</th><th scope="col">Provides</th><th scope="col">Last error</th>
              <th scope="col"><span class="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            ${this.plugins.map(
              (p) => html`<tr data-plugin=${p.id}>
                <th scope="row" data-label="Plugin"><strong>${p.id}</strong>
                  <span class="muted small">${p.source === 'builtin' ? 'built in' : (p.from ?? 'external')}</span></th>
                <td data-label="Version">${p.version ?? '—'}</td>
                <td data-label="State"><span class=${`badge badge-${stateTone(p.state)}`}>${p.state}</span></td>
                <td data-label="Generation">${p.generation || '—'}
                  ${
                    p.loadedAt
                      ? html`<span class="muted small">loaded ${relativeTime(p.loadedAt)}${
                          p.loadMs !== undefined
                            ? ` in
                    ${duration(p.loadMs)}`
                            : ''
                        }</span>`
                      : nothing
                  }</td>
                <td data-label="Provides" class="small">${p.methods.length} methods, ${p.routes.length} routes</td>
                <td data-label="Last error" class="small">${
                  p.lastError
                    ? html`<span class="text-error">${p.lastError.message}</span> <code>${p.lastError.code}</code>`
                    : html`<span class="muted">none</span>`
                }</td>
                <td data-label="Actions">${
                  admin && p.enabled
                    ? html`<button type="button" ?disabled=${this.busy.has(p.id)} aria-label=${`Reload ${p.id}`}
                        @click=${() => void this.reloadPlugin(p.id)}>${
                          this.busy.has(p.id) ? 'Reloading…' : 'Reload'
                        }</button>`
                    : html`<span class="muted small">${p.enabled ? '' : 'disabled in config'}</span>`
                }</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }
}

function stateTone(state: string): string {
  if (state === 'active') return 'ok';
  if (state === 'failed') return 'error';
  if (state === 'disabled') return 'muted';
  return 'warn';
}
