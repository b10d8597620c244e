import { html } from 'lit';
import { Page } from '../base.js';
import { api } from '../api.js';
import { live } from '../live.js';
import { fmt } from '../format.js';
import { LiveChart } from '../chart.js';

/**
 * Moving one slider shares what is left among the others in their current proportions (evenly
 * when they are all at zero), so the percentages always add up to 100.
 */
function rebalance(percents, index, value) {
  const rest = 100 - value;
  const others = percents.map((p, i) => (i === index ? 0 : p));
  const sum = others.reduce((a, b) => a + b, 0);
  const count = percents.length - 1;
  const next = percents.map((p, i) => {
    if (i === index) return value;
    return sum > 0 ? Math.floor((p * rest) / sum) : Math.floor(rest / count);
  });
  const missing = 100 - next.reduce((a, b) => a + b, 0);
  if (missing !== 0 && count > 0) {
    const largest = next.reduce((best, p, i) => (i !== index && (best < 0 || p > next[best]) ? i : best), -1);
    next[largest] += missing;
  }
  return next;
}

/** A split route's destinations: weight sliders with their percentages, apply, and the live share beside them. */
class SplitPage extends Page {
  static properties = {
    routeId: {},
    operator: { type: Boolean },
    route: { state: true },
    percents: { state: true },
    traffic: { state: true },
    status: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    this.load();
    this.onDisconnect(live.subscribe((snapshot) => this.onLive(snapshot)));
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    [this.shareChart, this.latencyChart, this.errorChart].forEach((chart) => chart && chart.destroy());
  }

  async load() {
    const { data, etag } = await api.get(`/routes/${encodeURIComponent(this.routeId)}`);
    this.route = data;
    this.etag = etag;
    const destinations = data.split ? data.split.destinations : [];
    const total = destinations.reduce((sum, d) => sum + d.weight, 0) || 1;
    const percents = destinations.map((d) => Math.round((d.weight * 100) / total));
    if (percents.length) percents[0] += 100 - percents.reduce((a, b) => a + b, 0);
    this.percents = percents;
  }

  onLive(snapshot) {
    this.traffic = (snapshot.routes || {})[this.routeId] || null;
    if (!this.route || !this.traffic) return;
    const time = Date.parse(snapshot.time) / 1000;
    const of = (pick) => Object.fromEntries(this.route.split.destinations.map((d) => [d.name, pick((this.traffic.destinations || {})[d.name])]));
    this.shareChart?.add(time, of((t) => (t && t.share != null ? t.share * 100 : null)));
    this.latencyChart?.add(time, of((t) => (t ? t.p99Millis : null)));
    this.errorChart?.add(time, of((t) => (t && t.errorRate != null ? t.errorRate * 100 : null)));
  }

  updated() {
    if (!this.shareChart && this.querySelector('#share-chart')) {
      this.shareChart = new LiveChart(this.querySelector('#share-chart'), { title: 'Live share', unit: '%' });
      this.latencyChart = new LiveChart(this.querySelector('#latency-chart'), { title: 'p99 latency', unit: 'ms' });
      this.errorChart = new LiveChart(this.querySelector('#error-chart'), { title: 'Error rate', unit: '%' });
    }
  }

  changed() {
    if (!this.route) return false;
    const total = this.route.split.destinations.reduce((sum, d) => sum + d.weight, 0) || 1;
    return this.route.split.destinations.some((d, i) => Math.round((d.weight * 100) / total) !== this.percents[i]);
  }

  async apply() {
    const destinations = this.route.split.destinations.map((d, i) => ({ ...d, weight: this.percents[i] }));
    this.status = { kind: 'busy', text: 'Applying…' };
    try {
      const answer = await api.patch(`/routes/${encodeURIComponent(this.routeId)}`, { split: { destinations } },
        { etag: this.etag, comment: `split ${destinations.map((d) => `${d.name} ${d.weight} %`).join(', ')}` });
      this.route = answer.data;
      this.etag = answer.etag;
      this.status = { kind: 'ok', text: `Applied as version ${answer.version}.` };
    } catch (error) {
      if (error.status === 412) {
        await this.load();
        this.status = { kind: 'error', text: 'Someone changed this route meanwhile: the sliders show its weights now; apply again if you still want yours.' };
      } else {
        this.status = { kind: 'error', text: (error.problems || []).map((p) => `${p.pointer}: ${p.message}`).join('; ') || error.message };
      }
    }
  }

  row(d, i) {
    const t = ((this.traffic || {}).destinations || {})[d.name] || {};
    return html`<tr data-destination=${d.name}>
      <th scope="row"><span class="mono">${d.name}</span><br><small class="mono">${d.uri}</small></th>
      <td class="slider">
        <input type="range" id="slider-${d.name}" min="0" max="100" step="1" .value=${String(this.percents[i])}
          ?disabled=${!this.operator} aria-label="Share of ${d.name} in percent" aria-valuetext="${this.percents[i]} percent"
          @input=${(e) => { this.percents = rebalance(this.percents, i, Number(e.target.value)); this.status = null; }}>
      </td>
      <td class="num"><output id="percent-${d.name}" for="slider-${d.name}">${this.percents[i]} %</output></td>
      <td class="num"><span id="share-${d.name}" class="share">${fmt.percent(t.share)}</span></td>
      <td class="num">${fmt.rps(t.requestsPerSecond)}</td>
      <td class="num">${fmt.ms(t.p99Millis)}</td>
      <td class="num ${t.errorRate > 0.01 ? 'bad' : ''}">${fmt.percent(t.errorRate)}</td>
    </tr>`;
  }

  render() {
    if (!this.route) return html`<p aria-busy="true">Loading…</p>`;
    if (!this.route.split) {
      return html`<h1>Traffic split of <span class="mono">${this.routeId}</span></h1>
        <p>This route has no split. Add destinations in the <a href="#/routes/${encodeURIComponent(this.routeId)}">editor</a>.</p>`;
    }
    return html`
      <div class="page-head">
        <h1>Traffic split of <span class="mono">${this.routeId}</span></h1>
        <a href="#/routes/${encodeURIComponent(this.routeId)}">Edit route</a>
        <a href="#/routes">All routes</a>
      </div>
      <table class="grid" id="split-table">
        <caption>Configured weights as percentages; live figures over the last 10 s</caption>
        <thead><tr><th scope="col">Destination</th><th scope="col">Weight</th><th scope="col" class="num">Configured</th>
          <th scope="col" class="num">Live share</th><th scope="col" class="num">Req/s</th><th scope="col" class="num">p99</th>
          <th scope="col" class="num">Errors</th></tr></thead>
        <tbody>${this.route.split.destinations.map((d, i) => this.row(d, i))}</tbody>
      </table>
      ${this.operator ? html`<div class="buttons">
        <button type="button" class="primary" id="apply-split" ?disabled=${!this.changed()} @click=${() => this.apply()}>Apply</button>
        <button type="button" id="reset-split" ?disabled=${!this.changed()} @click=${() => this.load()}>Reset</button>
      </div>` : ''}
      ${this.status ? html`<p id="split-status" class=${this.status.kind} role="status">${this.status.text}</p>` : ''}
      <div class="charts">
        <div id="share-chart" class="chart"></div>
        <div id="latency-chart" class="chart"></div>
        <div id="error-chart" class="chart"></div>
      </div>`;
  }
}

customElements.define('ig-split', SplitPage);
