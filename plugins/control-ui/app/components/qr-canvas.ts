import { html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { LightElement } from '../light-element.js';

/**
 * A QR code drawn on a canvas from the raw string the channel sent (WhatsApp's link code). The
 * encoder is loaded on first use, as its own chunk: most visits never link a phone.
 */
@customElement('mb-qr-canvas')
export class QrCanvas extends LightElement {
  @property() value = '';
  @property() label = 'QR code';
  @query('canvas') private canvas?: HTMLCanvasElement;

  protected override updated(changed: PropertyValues): void {
    if (changed.has('value') && this.value && this.canvas) void this.draw(this.value, this.canvas);
  }

  private async draw(value: string, canvas: HTMLCanvasElement): Promise<void> {
    const { default: QRCode } = await import('qrcode');
    await QRCode.toCanvas(canvas, value, { margin: 2, width: 264, color: { dark: '#000000', light: '#ffffff' } });
  }

  override render() {
    return html`<canvas class="qr" role="img" aria-label=${this.label} width="264" height="264"></canvas>`;
  }
}
