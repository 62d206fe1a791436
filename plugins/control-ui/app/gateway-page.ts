import { property, state } from 'lit/decorators.js';
import type { GatewayConnection } from './gateway/gateway-connection.js';
import type { EventFrame } from './gateway/protocol-types.js';
import { LightElement } from './light-element.js';
import { errorText } from './notices.js';

/**
 * A page of the dashboard: it (re)loads its data whenever the connection (re)connects — a
 * fresh hello-ok after a restart or a resync — and unsubscribes everything when it leaves.
 */
export abstract class GatewayPage extends LightElement {
  @property({ attribute: false }) conn!: GatewayConnection;
  @state() protected loading = true;
  @state() protected loadError?: string;

  private readonly cleanups: Array<() => void> = [];
  private readonly onHello = () => void this.reload();

  override connectedCallback(): void {
    super.connectedCallback();
    this.conn.addEventListener('hello', this.onHello);
    this.cleanups.push(() => this.conn.removeEventListener('hello', this.onHello));
    this.subscribe();
    if (this.conn.state === 'connected') void this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const fn of this.cleanups.splice(0)) fn();
  }

  /** Listen to a gateway event while the page is shown. */
  protected listen(event: string, fn: (frame: EventFrame) => void): void {
    this.cleanups.push(this.conn.on(event, fn));
  }

  /** Run something for as long as the page is shown. */
  protected every(ms: number, fn: () => void): void {
    const timer = window.setInterval(fn, ms);
    this.cleanups.push(() => window.clearInterval(timer));
  }

  /** Subscribe to events (called once per attach). */
  protected subscribe(): void {}

  /** Fetch everything the page shows. */
  protected abstract load(): Promise<void>;

  protected async reload(): Promise<void> {
    try {
      await this.load();
      this.loadError = undefined;
    } catch (err) {
      this.loadError = errorText(err);
    } finally {
      this.loading = false;
    }
  }
}
