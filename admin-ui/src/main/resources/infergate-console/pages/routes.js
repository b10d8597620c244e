import { html } from 'lit';
import { Page } from '../base.js';
import { api } from '../api.js';
import { live } from '../live.js';
import { fmt, shortcut } from '../format.js';

/** Every route: match, destinations and weights, and live requests/s, p99 and error rate. */
class RoutesPage extends Page {
  static properties = {
    operator: { type: Boolean },
    routes: { state: true },
    traffic: { state: true },
    query: { state: true },
    failure: { state: true },
  };

  constructor() {
    super();
    this.routes = null;
    this.traffic = {};
    this.query = '';
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
    let version = null;
    this.onDisconnect(live.subscribe((snapshot) => {
      this.traffic = snapshot.routes || {};
      if (version !== null && snapshot.version !== version) this.load();
      version = snapshot.version;
    }));
  }

  async load() {
    try {
      this.routes = (await api.get('/routes')).data;
    } catch (error) {
      this.failure = error.message;
    }
  }

  matches(route) {
    const query = this.query.trim().toLowerCase();
    if (!query) return true;
    return JSON.stringify(route).toLowerCase().includes(query);
  }

  destinations(route) {
    if (!route.split) return html`<span class="mono">${route.uri}</span>`;
    const total = route.split.destinations.reduce((sum, d) => sum + d.weight, 0) || 1;
    return html`<ul class="destinations">${route.split.destinations.map((d) => html`
      <li><span class="mono">${d.name}</span> → <span class="mono">${d.uri}</span>
        <span class="weight">${d.weight} (${Math.round((d.weight * 100) / total)} %)</span></li>`)}</ul>`;
  }

  row(route) {
    const traffic = this.traffic[route.id] || {};
    return html`<tr data-route=${route.id}>
      <th scope="row"><a href="#/routes/${encodeURIComponent(route.id)}" class="route-id">${route.id}</a></th>
      <td class="match mono">${route.predicates.map(shortcut).join(' · ')}</td>
      <td>${this.destinations(route)}</td>
      <td class="num rps">${fmt.rps(traffic.requestsPerSecond)}</td>
      <td class="num p99">${fmt.ms(traffic.p99Millis)}</td>
      <td class="num errors ${traffic.errorRate > 0.01 ? 'bad' : ''}">${fmt.percent(traffic.errorRate)}</td>
      <td class="actions">
        <a href="#/routes/${encodeURIComponent(route.id)}">Edit</a>
        ${route.split ? html`<a href="#/routes/${encodeURIComponent(route.id)}/split" class="split-link">Split</a>` : ''}
      </td>
    </tr>`;
  }

  render() {
    if (this.failure) return html`<p role="alert" class="error">${this.failure}</p>`;
    if (!this.routes) return html`<p aria-busy="true">Loading routes…</p>`;
    const shown = this.routes.filter((route) => this.matches(route));
    return html`
      <div class="page-head">
        <h1>Routes</h1>
        <label class="search">Search <input type="search" id="route-search" placeholder="id, path, pool…"
          .value=${this.query} @input=${(e) => (this.query = e.target.value)}></label>
        ${this.operator ? html`<a class="button" href="#/new-route" id="new-route">New route</a>` : ''}
      </div>
      <table id="routes-table" class="grid">
        <caption>${shown.length} of ${this.routes.length} routes · live figures over the last 10 s</caption>
        <thead><tr><th scope="col">Route</th><th scope="col">Match</th><th scope="col">Destinations</th>
          <th scope="col" class="num">Req/s</th><th scope="col" class="num">p99</th><th scope="col" class="num">Errors</th>
          <th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>${shown.map((route) => this.row(route))}</tbody>
      </table>
      ${shown.length === 0 ? html`<p class="empty">No route matches “${this.query}”.</p>` : ''}`;
  }
}

customElements.define('ig-routes', RoutesPage);
