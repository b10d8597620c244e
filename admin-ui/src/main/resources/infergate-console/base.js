import { LitElement } from 'lit';

/**
 * Pages render into the light DOM: the console's one stylesheet applies everywhere and every
 * control is reachable by keyboard and by tests without crossing shadow roots.
 */
export class Page extends LitElement {
  createRenderRoot() {
    return this;
  }

  /** Subscriptions ended when the page leaves the screen. */
  onDisconnect(stop) {
    (this._stops ||= []).push(stop);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    (this._stops || []).forEach((stop) => stop());
    this._stops = [];
  }
}
