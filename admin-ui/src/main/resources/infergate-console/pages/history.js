import { html } from 'lit';
import { Page } from '../base.js';
import { api } from '../api.js';
import { live } from '../live.js';
import { fmt } from '../format.js';
import { show } from '../diff.js';

/** The versions kept: who, when, why; the diff of any two; rollback with confirmation. */
class HistoryPage extends Page {
  static properties = {
    operator: { type: Boolean },
    versions: { state: true },
    from: { state: true },
    to: { state: true },
    diff: { state: true },
    confirming: { state: true },
    status: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    this.load();
    let version = null;
    this.onDisconnect(live.subscribe((snapshot) => {
      if (version !== null && snapshot.version !== version) this.load();
      version = snapshot.version;
    }));
  }

  async load() {
    const { data, etag } = await api.get('/versions');
    this.versions = data;
    this.etag = etag;
    if (data.length > 1 && this.from == null) {
      this.from = data[1].version;
      this.to = data[0].version;
    }
  }

  async showDiff() {
    const { data } = await api.get(`/versions/${this.from}/diff/${this.to}`);
    this.diff = data;
  }

  ask(version) {
    this.confirming = version;
    this.updateComplete.then(() => this.querySelector('#rollback-dialog').showModal());
  }

  close() {
    this.querySelector('#rollback-dialog').close();
    this.confirming = null;
  }

  async rollback() {
    const version = this.confirming;
    this.close();
    try {
      const answer = await api.post(`/versions/${version}/rollback`, undefined, { etag: this.etag });
      this.status = { kind: 'ok', text: `Rolled back to version ${version}: now version ${answer.version}.` };
      await this.load();
    } catch (error) {
      this.status = { kind: 'error', text: error.status === 412
        ? 'The configuration changed meanwhile; the list is reloaded, check it and roll back again.'
        : error.message };
      await this.load();
    }
  }

  row(v, i) {
    return html`<tr data-version=${v.version}>
      <th scope="row">v${v.version}${i === 0 ? html` <span class="badge good">live</span>` : ''}</th>
      <td>${v.author}</td>
      <td>${fmt.time(v.time)}</td>
      <td>${v.comment}</td>
      <td><input type="radio" name="diff-from" id="from-${v.version}" aria-label="Diff from version ${v.version}"
        .checked=${this.from === v.version} @change=${() => (this.from = v.version)}></td>
      <td><input type="radio" name="diff-to" id="to-${v.version}" aria-label="Diff to version ${v.version}"
        .checked=${this.to === v.version} @change=${() => (this.to = v.version)}></td>
      <td>${this.operator && i > 0 ? html`<button type="button" class="rollback" data-version=${v.version}
        @click=${() => this.ask(v.version)}>Roll back to v${v.version}</button>` : ''}</td>
    </tr>`;
  }

  render() {
    if (!this.versions) return html`<p aria-busy="true">Loading history…</p>`;
    return html`
      <div class="page-head"><h1>History</h1><span class="muted">newest first</span></div>
      ${this.status ? html`<p id="history-status" class=${this.status.kind} role="status">${this.status.text}</p>` : ''}
      <table class="grid" id="versions-table">
        <thead><tr><th scope="col">Version</th><th scope="col">Author</th><th scope="col">Time</th><th scope="col">Comment</th>
          <th scope="col">From</th><th scope="col">To</th><th scope="col"><span class="visually-hidden">Rollback</span></th></tr></thead>
        <tbody>${this.versions.map((v, i) => this.row(v, i))}</tbody>
      </table>
      <div class="buttons"><button type="button" id="show-diff" ?disabled=${this.from == null || this.to == null}
        @click=${() => this.showDiff()}>Show diff v${this.from ?? '?'} → v${this.to ?? '?'}</button></div>
      ${this.diff ? html`<section aria-labelledby="diff-title">
        <h2 id="diff-title">From v${this.diff.from} to v${this.diff.to}</h2>
        ${this.diff.changes.length === 0 ? html`<p class="empty">No differences.</p>` : html`
        <table class="grid compact" id="diff"><thead><tr><th scope="col">Change</th><th scope="col">Path</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
          <tbody>${this.diff.changes.map((c) => html`<tr class="op-${c.op}"><td>${c.op}</td><td class="mono">${c.path}</td>
            <td class="mono">${show(c.oldValue)}</td><td class="mono">${show(c.value)}</td></tr>`)}</tbody></table>`}
      </section>` : ''}
      <dialog id="rollback-dialog" aria-labelledby="rollback-title" @close=${() => (this.confirming = null)}>
        <h2 id="rollback-title">Roll back to version ${this.confirming}?</h2>
        <p>Version ${this.confirming}'s document becomes live again as a new version; the versions after it stay in the history.</p>
        <div class="buttons">
          <button type="button" id="cancel-rollback" @click=${() => this.close()}>Cancel</button>
          <button type="button" id="confirm-rollback" class="danger" @click=${() => this.rollback()}>Roll back</button>
        </div>
      </dialog>`;
  }
}

customElements.define('ig-history', HistoryPage);
