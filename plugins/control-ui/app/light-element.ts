import { LitElement } from 'lit';

/**
 * The dashboard's components render into the light DOM: one stylesheet (styles/app.css, a
 * hashed file CSP allows as 'self') styles the whole page, and tests, screen readers and axe
 * see one plain document. The app is a page, not a library of reusable widgets.
 */
export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}
