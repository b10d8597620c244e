import { html } from 'lit';
import { Page } from './base.js';
import { api } from './api.js';
import { live } from './live.js';
import './pages/routes.js';
import './pages/editor.js';
import './pages/split.js';
import './pages/pools.js';
import './pages/history.js';

/** Hash routes: #/routes, #/routes/ID, #/routes/ID/split, #/new-route, #/pools, #/history. */
function parse(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'routes' && parts.length === 3 && parts[2] === 'split') return { page: 'split', id: parts[1] };
  if (parts[0] === 'routes' && parts.length === 2) return { page: 'editor', id: parts[1] };
  if (parts[0] === 'new-route') return { page: 'editor', id: null };
  if (parts[0] === 'pools') return { page: 'pools' };
  if (parts[0] === 'history') return { page: 'history' };
  return { page: 'routes' };
}

class Console extends Page {
  static properties = {
    session: { state: true },
    route: { state: true },
    liveState: { state: true },
    version: { state: true },
    failure: { state: true },
  };

  constructor() {
    super();
    this.route = parse(window.location.hash);
    this.liveState = 'connecting';
  }

  connectedCallback() {
    super.connectedCallback();
    const onHash = () => {
      this.route = parse(window.location.hash);
    };
    window.addEventListener('hashchange', onHash);
    this.onDisconnect(() => window.removeEventListener('hashchange', onHash));
    api.session().then((session) => {
      this.session = session;
      this.onDisconnect(live.onState((state) => (this.liveState = state)));
      this.onDisconnect(live.subscribe((snapshot) => (this.version = snapshot.version)));
    }, (error) => (this.failure = error.message));
  }

  updated() {
    const title = { routes: 'Routes', editor: 'Route editor', split: 'Traffic split', pools: 'Pools', history: 'History' }[this.route.page];
    document.title = `${title} · Infergate console`;
  }

  page() {
    const operator = this.session.roles.includes('OPERATOR');
    switch (this.route.page) {
      case 'editor':
        return html`<ig-route-editor .routeId=${this.route.id} .operator=${operator}></ig-route-editor>`;
      case 'split':
        return html`<ig-split .routeId=${this.route.id} .operator=${operator}></ig-split>`;
      case 'pools':
        return html`<ig-pools .operator=${operator}></ig-pools>`;
      case 'history':
        return html`<ig-history .operator=${operator}></ig-history>`;
      default:
        return html`<ig-routes .operator=${operator}></ig-routes>`;
    }
  }

  nav(page, label, href) {
    const current = this.route.page === page || (page === 'routes' && ['editor', 'split'].includes(this.route.page));
    return html`<a href=${href} aria-current=${current ? 'page' : 'false'}>${label}</a>`;
  }

  render() {
    if (this.failure) return html`<main id="main" class="page"><p role="alert" class="error">${this.failure}</p></main>`;
    if (!this.session) return html`<main id="main" class="page"><p aria-busy="true">Loading…</p></main>`;
    const csrf = api.csrf();
    return html`
      <header class="topbar">
        <span class="brand"><span class="logo" aria-hidden="true">◆</span> Infergate</span>
        <nav aria-label="Console">
          ${this.nav('routes', 'Routes', '#/routes')} ${this.nav('pools', 'Pools', '#/pools')}
          ${this.nav('history', 'History', '#/history')}
        </nav>
        <span class="live-state ${this.liveState}" id="live-state" title="Live updates">
          <span class="dot" aria-hidden="true"></span>${this.liveState === 'live' ? 'live' : this.liveState}
          ${this.version != null ? html`· <span id="live-version">v${this.version}</span>` : ''}
        </span>
        <span class="user" id="user">${this.session.user} <small>(${this.session.roles.join(', ').toLowerCase()})</small></span>
        <form method="post" action="/admin/logout" class="logout">
          ${csrf ? html`<input type="hidden" name=${csrf.parameter} .value=${csrf.token}>` : ''}
          <button type="submit" id="logout">Sign out</button>
        </form>
      </header>
      <main id="main" class="page" tabindex="-1">${this.page()}</main>`;
  }
}

customElements.define('ig-console', Console);
