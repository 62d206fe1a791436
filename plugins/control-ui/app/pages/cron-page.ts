import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { dateTime, duration, relativeTime } from '../format.js';
import { GatewayPage } from '../gateway-page.js';
import { errorText, notify } from '../notices.js';
import { randomId } from '../random-id.js';

type Schedule =
  | { kind: 'at'; at: string }
  | { kind: 'every'; everyMs: number }
  | { kind: 'cron'; expr: string; tz?: string };

interface CronJob {
  id: string;
  name: string;
  description?: string;
  enabled: boolean;
  schedule: Schedule;
  sessionTarget: 'main' | 'isolated';
  wakeMode: 'now' | 'next-heartbeat';
  payload: { kind: 'systemEvent'; text: string } | { kind: 'agentTurn'; message: string };
  state?: {
    nextRunAtMs?: number;
    runningAtMs?: number;
    lastRunAtMs?: number;
    lastRunStatus?: string;
    lastError?: string;
  };
}

interface CronRun {
  ts: number;
  jobId: string;
  status: string;
  error?: string;
  summary?: string;
  runAtMs: number;
  durationMs: number;
}

/** Scheduled jobs (`cron.*`): list, add, run now, enable/disable, remove, recent runs. */
@customElement('mb-cron-page')
export class CronPage extends GatewayPage {
  @state() private jobs: CronJob[] = [];
  @state() private runs: CronRun[] = [];
  @state() private runsFor?: string;
  @state() private adding = false;
  @state() private scheduleKind: Schedule['kind'] = 'every';
  @state() private formError?: string;

  protected override subscribe(): void {
    this.listen('cron', () => void this.reload());
  }

  protected override async load(): Promise<void> {
    const r = await this.conn.request<{ jobs: CronJob[] }>('cron.list', { includeDisabled: true });
    this.jobs = r.jobs;
    if (this.conn.hasMethod('cron.runs')) {
      const runs = await this.conn.request<{ entries: CronRun[] }>(
        'cron.runs',
        this.runsFor ? { id: this.runsFor, limit: 50 } : { scope: 'all', limit: 50 },
      );
      this.runs = runs.entries;
    }
  }

  private async call(method: string, params: Record<string, unknown>, done: string): Promise<void> {
    try {
      await this.conn.request(method, params);
      notify(done);
    } catch (err) {
      notify(`${method} failed: ${errorText(err)}`, 'error');
    }
    await this.reload();
  }

  private async add(ev: SubmitEvent): Promise<void> {
    ev.preventDefault();
    const f = new FormData(ev.target as HTMLFormElement);
    const get = (k: string) => String(f.get(k) ?? '').trim();
    let schedule: Schedule;
    if (this.scheduleKind === 'every') {
      const minutes = Number(get('every'));
      if (!(minutes > 0)) return void (this.formError = 'Every: a number of minutes above 0');
      schedule = { kind: 'every', everyMs: Math.round(minutes * 60_000) };
    } else if (this.scheduleKind === 'cron') {
      schedule = { kind: 'cron', expr: get('expr'), ...(get('tz') ? { tz: get('tz') } : {}) };
    } else {
      const at = new Date(get('at'));
      if (Number.isNaN(at.getTime())) return void (this.formError = 'At: pick a date and time');
      schedule = { kind: 'at', at: at.toISOString() };
    }
    const target = get('target') === 'isolated' ? 'isolated' : 'main';
    const text = get('text');
    if (!get('name') || !text) return void (this.formError = 'A name and a message are needed');
    this.formError = undefined;
    try {
      await this.conn.request('cron.add', {
        name: get('name'),
        schedule,
        sessionTarget: target,
        wakeMode: 'now',
        payload: target === 'main' ? { kind: 'systemEvent', text } : { kind: 'agentTurn', message: text },
        enabled: true,
      });
      notify(`Added job ${get('name')}`);
      this.adding = false;
      await this.reload();
    } catch (err) {
      this.formError = errorText(err);
    }
  }

  override render() {
    return html`<section class="page">
      <header class="page-head">
        <h1 tabindex="-1">Cron</h1>
        <p class="muted">Jobs the gateway runs on a schedule: a note to the main session, or an agent turn of its
          own.</p>
      </header>
      ${this.loadError ? html`<div class="alert alert-error" role="alert">${this.loadError}</div>` : nothing}
      <div class="action-bar"><button type="button" class="primary" @click=${() => (this.adding = !this.adding)}
        aria-expanded=${this.adding ? 'true' : 'false'}>${this.adding ? 'Close the form' : 'Add a job'}</button></div>
      ${this.adding ? this.renderAdd() : nothing}
      ${
        this.jobs.length === 0 && !this.loading
          ? html`<div class="empty"><p><strong>No jobs yet.</strong></p><p>Add one above, or with
              <code>moltbot cron add</code>.</p></div>`
          : html`<div class="table-wrap"><table class="table stack">
              <thead><tr><th scope="col">Job</th><th scope="col">Schedule</th><th scope="col">Next run</th>
                <th scope="col">Last run</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
              <tbody>${this.jobs.map((j) => this.renderJob(j))}</tbody></table></div>`
      }
      ${this.renderRuns()}
    </section>`;
  }

  private renderAdd() {
    return html`<form class="card form-grid" @submit=${(e: SubmitEvent) => void this.add(e)} aria-label="New cron job">
      <label>Name <input name="name" required /></label>
      <label>Schedule
        <select name="kind" @change=${(e: Event) =>
          (this.scheduleKind = (e.target as HTMLSelectElement).value as Schedule['kind'])}>
          <option value="every" ?selected=${this.scheduleKind === 'every'}>Every … minutes</option>
          <option value="cron" ?selected=${this.scheduleKind === 'cron'}>Cron expression</option>
          <option value="at" ?selected=${this.scheduleKind === 'at'}>Once, at a time</option>
        </select></label>
      ${
        this.scheduleKind === 'every'
          ? html`<label>Every (minutes) <input name="every" type="number" min="1" value="60" /></label>`
          : nothing
      }
      ${
        this.scheduleKind === 'cron'
          ? html`<label>Expression <input name="expr" placeholder="0 9 * * 1-5" required /></label>
        <label>Time zone <input name="tz" placeholder="Europe/Berlin (default: the gateway's)" /></label>`
          : nothing
      }
      ${
        this.scheduleKind === 'at'
          ? html`<label>At <input name="at" type="datetime-local" required /></label>`
          : nothing
      }
      <label>Runs in
        <select name="target"><option value="main">the main session (a system note)</option>
          <option value="isolated">an isolated agent turn</option></select></label>
      <label class="span-2">Message <textarea name="text" rows="2" required></textarea></label>
      ${this.formError ? html`<p class="text-error span-2" role="alert">${this.formError}</p>` : nothing}
      <div class="span-2"><button type="submit" class="primary">Add job</button></div>
    </form>`;
  }

  private renderJob(j: CronJob) {
    const s = j.state ?? {};
    return html`<tr data-job=${j.id}>
      <th scope="row" data-label="Job"><strong>${j.name}</strong>
        <span class=${`badge ${j.enabled ? 'badge-ok' : 'badge-muted'}`}>${j.enabled ? 'enabled' : 'disabled'}</span>
        <span class="muted small">${j.payload.kind === 'agentTurn' ? j.payload.message : j.payload.text}</span></th>
      <td data-label="Schedule">${scheduleText(j.schedule)}</td>
      <td data-label="Next run" title=${dateTime(s.nextRunAtMs)}>${
        s.runningAtMs ? 'running now' : relativeTime(s.nextRunAtMs)
      }</td>
      <td data-label="Last run">${
        s.lastRunAtMs
          ? html`${relativeTime(s.lastRunAtMs)}
        <span class=${`badge badge-${tone(s.lastRunStatus)}`}>${s.lastRunStatus ?? ''}</span>
        ${s.lastError ? html`<span class="text-error small">${s.lastError}</span>` : nothing}`
          : html`<span class="muted">never</span>`
      }</td>
      <td data-label="Actions" class="actions">
        <button type="button" aria-label=${`Run now: ${j.name}`}
          @click=${() =>
            void this.call(
              'cron.run',
              { id: j.id, mode: 'force', idempotencyKey: randomId() },
              `Started ${j.name}`,
            )}>Run now</button>
        <button type="button" aria-label=${`${j.enabled ? 'Disable' : 'Enable'} ${j.name}`}
          @click=${() =>
            void this.call(
              'cron.update',
              { id: j.id, patch: { enabled: !j.enabled } },
              `${j.name} ${j.enabled ? 'disabled' : 'enabled'}`,
            )}>
          ${j.enabled ? 'Disable' : 'Enable'}</button>
        <button type="button" aria-label=${`Runs of ${j.name}`} @click=${() => {
          this.runsFor = this.runsFor === j.id ? undefined : j.id;
          void this.reload();
        }}>Runs</button>
        <button type="button" class="danger-ghost" aria-label=${`Remove ${j.name}`}
          @click=${() => void this.call('cron.remove', { id: j.id }, `Removed ${j.name}`)}>Remove</button>
      </td>
    </tr>`;
  }

  private renderRuns() {
    if (!this.conn.hasMethod('cron.runs')) return nothing;
    const name = this.jobs.find((j) => j.id === this.runsFor)?.name;
    return html`<section class="card" aria-labelledby="cron-runs">
      <h2 id="cron-runs">Recent runs${name ? html` of ${name}` : nothing}</h2>
      ${
        this.runs.length === 0
          ? html`<p class="empty-inline">No run finished yet.</p>`
          : html`<ul class="rows">${this.runs.map(
              (r) => html`<li class="row"><span class="row-main">
                <span class=${`badge badge-${tone(r.status)}`}>${r.status}</span>
                <strong>${this.jobs.find((j) => j.id === r.jobId)?.name ?? r.jobId}</strong>
                <span class="muted">${r.summary ?? r.error ?? ''}</span></span>
                <span class="muted small nowrap">${relativeTime(r.runAtMs)} · ${duration(r.durationMs)}</span></li>`,
            )}</ul>`
      }
    </section>`;
  }
}

function tone(status: string | undefined): string {
  return status === 'ok' ? 'ok' : status === 'error' ? 'error' : 'muted';
}

function scheduleText(s: Schedule): string {
  if (s.kind === 'every') return `every ${duration(s.everyMs)}`;
  if (s.kind === 'cron') return `cron ${s.expr}${s.tz ? ` (${s.tz})` : ''}`;
  return `once at ${dateTime(Date.parse(s.at))}`;
}
