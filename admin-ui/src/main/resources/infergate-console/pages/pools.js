import { html } from 'lit';
import { Page } from '../base.js';
import { api } from '../api.js';
import { live } from '../live.js';
import { fmt } from '../format.js';

/** The strategies of docs/balancing.md. */
const STRATEGIES = ['round-robin', 'least-request', 'capacity', 'prefix-affinity', 'locality-failover'];

/** Every pool: its endpoints' live state, and the strategy switch. */
class PoolsPage extends Page {
  static properties = {
    operator: { type: Boolean },
    pools: { state: true },
    live: { state: true },
    chosen: { state: true },
    status: { state: true },
  };

  constructor() {
    super();
    this.chosen = {};
    this.status = {};
    this.live = {};
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
    this.onDisconnect(live.subscribe((snapshot) => {
      this.live = Object.fromEntries((snapshot.pools || []).map((pool) => [pool.name, pool]));
    }));
  }

  async load() {
    const { data } = await api.get('/pools');
    this.pools = data;
  }

  async apply(pool) {
    const strategy = this.chosen[pool.name];
    this.status = { ...this.status, [pool.name]: { kind: 'busy', text: 'Switching…' } };
    try {
      const { etag } = await api.get(`/pools/${encodeURIComponent(pool.name)}`);
      const answer = await api.patch(`/pools/${encodeURIComponent(pool.name)}`, { strategy }, { etag, comment: `${pool.name}: strategy ${strategy}` });
      this.pools = this.pools.map((p) => (p.name === pool.name ? answer.data : p));
      this.chosen = { ...this.chosen, [pool.name]: undefined };
      this.status = { ...this.status, [pool.name]: { kind: 'ok', text: `Now ${strategy} (version ${answer.version}).` } };
    } catch (error) {
      const text = (error.problems || []).map((p) => p.message).join('; ') || error.message;
      this.status = { ...this.status, [pool.name]: { kind: 'error', text } };
    }
  }

  endpoint(e) {
    const local = e.local || {};
    const backend = e.backend || {};
    const ejected = e.state !== 'ACTIVE';
    return html`<tr data-endpoint=${e.address}>
      <th scope="row" class="mono">${e.address}</th>
      <td>${e.zone || '–'}</td>
      <td><span class="badge ${ejected ? 'bad' : 'good'}">${e.state}</span></td>
      <td>${e.probe ? html`<span class="badge ${e.probe.up ? 'good' : 'bad'}">${e.probe.up ? 'up' : 'down'}</span>` : '–'}</td>
      <td class="num in-flight">${fmt.number(local.inFlight)}</td>
      <td class="num queue">${fmt.number(backend.waiting)}</td>
      <td class="num">${fmt.number(backend.running)}</td>
      <td class="num kv">${backend.kvCacheUsage == null ? '–' : html`<meter min="0" max="1" value=${backend.kvCacheUsage}></meter> ${fmt.percent(backend.kvCacheUsage)}`}</td>
      <td class="num">${fmt.ms(local.latencyMillis)}</td>
      <td class="num">${fmt.percent(local.errorRate)}</td>
    </tr>`;
  }

  pool(pool) {
    const view = this.live[pool.name] || { endpoints: [] };
    const chosen = this.chosen[pool.name] ?? pool.strategy;
    const status = this.status[pool.name];
    return html`<section class="pool card" data-pool=${pool.name} aria-labelledby="pool-${pool.name}">
      <div class="page-head">
        <h2 id="pool-${pool.name}"><span class="mono">${pool.name}</span></h2>
        <span class="muted">${pool.static ? `static: ${pool.static.length} endpoint${pool.static.length === 1 ? '' : 's'}` : `discovery: ${pool.discovery}`}</span>
        <label for="strategy-${pool.name}">Strategy</label>
        <select id="strategy-${pool.name}" ?disabled=${!this.operator}
          @change=${(e) => (this.chosen = { ...this.chosen, [pool.name]: e.target.value })}>
          ${STRATEGIES.map((s) => html`<option value=${s} ?selected=${s === chosen}>${s}</option>`)}
        </select>
        ${this.operator ? html`<button type="button" id="apply-strategy-${pool.name}" ?disabled=${chosen === pool.strategy}
          @click=${() => this.apply(pool)}>Switch</button>` : ''}
        ${status ? html`<span id="strategy-status-${pool.name}" class=${status.kind} role="status">${status.text}</span>` : ''}
      </div>
      <table class="grid compact">
        <thead><tr><th scope="col">Endpoint</th><th scope="col">Zone</th><th scope="col">State</th><th scope="col">Probe</th>
          <th scope="col" class="num">In flight</th><th scope="col" class="num">Queue</th><th scope="col" class="num">Running</th>
          <th scope="col" class="num">KV cache</th><th scope="col" class="num">Latency</th><th scope="col" class="num">Errors</th></tr></thead>
        <tbody>${view.endpoints.length ? view.endpoints.map((e) => this.endpoint(e))
          : html`<tr><td colspan="10" class="empty">No endpoints resolved.</td></tr>`}</tbody>
      </table>
    </section>`;
  }

  render() {
    if (!this.pools) return html`<p aria-busy="true">Loading pools…</p>`;
    return html`<div class="page-head"><h1>Pools</h1><span class="muted">endpoint state as the picker sees it, live</span></div>
      ${this.pools.map((pool) => this.pool(pool))}`;
  }
}

customElements.define('ig-pools', PoolsPage);
