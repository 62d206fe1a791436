import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { dateTime, relativeTime } from '../format.js';
import { GatewayPage } from '../gateway-page.js';
import { errorText, notify } from '../notices.js';

interface PendingDevice {
  requestId: string;
  deviceId: string;
  role: string;
  scopes: string[];
  displayName?: string;
  platform?: string;
  clientId: string;
  remoteIp: string;
  browser: boolean;
  isRepair: boolean;
  expiresAtMs: number;
}

interface NodeRow {
  nodeId: string;
  displayName?: string;
  platform: string;
  version: string;
  commands: string[];
  connected: boolean;
  paired: boolean;
  lastSeenAtMs?: number;
  remoteIp?: string;
}

const short = (id: string) => (/^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id);

/** Devices waiting for approval (approve / reject), and the nodes with their state and commands. */
@customElement('mb-nodes-page')
export class NodesPage extends GatewayPage {
  @state() private pending: PendingDevice[] = [];
  @state() private nodes: NodeRow[] = [];
  @state() private busy?: string;

  protected override subscribe(): void {
    for (const event of ['device.pair.requested', 'device.pair.resolved', 'presence'])
      this.listen(event, () => void this.reload());
  }

  protected override async load(): Promise<void> {
    const [pairs, list] = await Promise.all([
      this.conn.hasMethod('device.pair.list')
        ? this.conn.request<{ pending: PendingDevice[] }>('device.pair.list')
        : Promise.resolve({ pending: [] }),
      this.conn.request<{ nodes: NodeRow[] }>('node.list'),
    ]);
    this.pending = pairs.pending;
    this.nodes = list.nodes;
  }

  private async decide(r: PendingDevice, decision: 'approve' | 'reject'): Promise<void> {
    this.busy = r.requestId;
    try {
      await this.conn.request(`device.pair.${decision}`, { requestId: r.requestId });
      const who = r.displayName ?? short(r.deviceId);
      notify(decision === 'approve' ? `Approved ${who}: it is signed in at its next connect` : `Rejected ${who}`);
      await this.reload();
    } catch (err) {
      notify(`Could not ${decision} ${r.displayName ?? short(r.deviceId)}: ${errorText(err)}`, 'error');
    } finally {
      this.busy = undefined;
    }
  }

  override render() {
    return html`<section class="page">
      <header class="page-head">
        <h1 tabindex="-1">Nodes</h1>
        <p class="muted">Devices that asked to be paired, and the nodes (phones, laptops, headless boxes) the agent
          can run commands on.</p>
      </header>
      ${this.loadError ? html`<div class="alert alert-error" role="alert">${this.loadError}</div>` : nothing}
      <section class="card" aria-labelledby="pending-title">
        <h2 id="pending-title">Waiting for approval</h2>
        ${
          this.pending.length === 0
            ? html`<p class="muted">No device is waiting. A node started with
                <code>moltbot node run --url …</code> shows up here.</p>`
            : html`<div class="table-wrap"><table class="table stack">
              <thead><tr><th scope="col">Device</th><th scope="col">Role</th><th scope="col">From</th>
                <th scope="col">Expires</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
              <tbody>${this.pending.map((r) => this.renderPending(r))}</tbody>
            </table></div>`
        }
      </section>
      <section class="card" aria-labelledby="nodes-title">
        <h2 id="nodes-title">Nodes</h2>
        ${
          !this.loading && this.nodes.length === 0
            ? html`<p class="muted">No nodes yet.</p>`
            : html`<div class="table-wrap"><table class="table stack">
              <thead><tr><th scope="col">Node</th><th scope="col">Platform</th><th scope="col">State</th>
                <th scope="col">Commands</th></tr></thead>
              <tbody>${this.nodes.map((n) => this.renderNode(n))}</tbody>
            </table></div>`
        }
      </section>
    </section>`;
  }

  private renderPending(r: PendingDevice) {
    const who = r.displayName ?? short(r.deviceId);
    return html`<tr data-request=${r.requestId}>
      <th scope="row" data-label="Device"><span class="break">${who}</span>
        <span class="muted small">${short(r.deviceId)} · ${r.clientId}${r.platform ? ` · ${r.platform}` : ''}</span>
        ${r.isRepair ? html`<span class="badge">re-pair</span>` : nothing}
        ${r.browser ? html`<span class="badge badge-warn">browser</span>` : nothing}</th>
      <td data-label="Role">${r.role}${
        r.role === 'operator' ? html` <span class="muted small">${r.scopes.join(', ')}</span>` : nothing
      }</td>
      <td data-label="From">${r.remoteIp}</td>
      <td data-label="Expires" title=${dateTime(r.expiresAtMs)}>${relativeTime(r.expiresAtMs)}</td>
      <td data-label="Actions" class="actions">
        <button type="button" class="primary" ?disabled=${this.busy === r.requestId} aria-label=${`Approve ${who}`}
          @click=${() => void this.decide(r, 'approve')}>Approve</button>
        <button type="button" class="danger-ghost" ?disabled=${this.busy === r.requestId}
          aria-label=${`Reject ${who}`} @click=${() => void this.decide(r, 'reject')}>Reject</button>
      </td>
    </tr>`;
  }

  private renderNode(n: NodeRow) {
    return html`<tr data-node=${n.nodeId}>
      <th scope="row" data-label="Node"><span class="break">${n.displayName ?? short(n.nodeId)}</span>
        <span class="muted small">${short(n.nodeId)}${n.remoteIp ? ` · ${n.remoteIp}` : ''}</span>
        ${n.paired ? nothing : html`<span class="badge">not paired</span>`}</th>
      <td data-label="Platform">${n.platform} ${n.version}</td>
      <td data-label="State">${
        n.connected
          ? html`<span class="badge badge-ok">connected</span>`
          : html`<span title=${dateTime(n.lastSeenAtMs)}>offline, seen ${relativeTime(n.lastSeenAtMs)}</span>`
      }</td>
      <td data-label="Commands">${n.commands.map((c) => html`<code>${c}</code> `)}</td>
    </tr>`;
  }
}
