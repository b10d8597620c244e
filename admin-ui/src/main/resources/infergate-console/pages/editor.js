import { html, nothing } from 'lit';
import { Page } from '../base.js';
import { api, problemsOf, ApiError } from '../api.js';
import { live } from '../live.js';
import { shortcut } from '../format.js';
import { jsonDiff, show } from '../diff.js';

const STICKY_SOURCES = ['', 'header', 'cookie', 'client-address', 'tenant', 'none'];

/** Lines of a list field: shortcut strings, or a JSON object on its own line. */
function lines(text, pointer, problems) {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).map((line, i) => {
    if (!line.startsWith('{')) return line;
    try {
      return JSON.parse(line);
    } catch (error) {
      problems.push({ pointer: `${pointer}/${i}`, message: `not valid JSON: ${error.message}` });
      return line;
    }
  });
}

function toForm(route) {
  const split = route.split || null;
  const { destinations = [], sticky = null, ...splitRest } = split || {};
  return {
    id: route.id || '',
    uri: route.uri || '',
    predicates: (route.predicates || []).map(shortcut).join('\n'),
    filters: (route.filters || []).map(shortcut).join('\n'),
    order: String(route.order ?? 0),
    metadata: JSON.stringify(route.metadata || {}, null, 2),
    hasSplit: split !== null,
    destinations: destinations.map(({ name, uri, weight, ...extra }) => ({ name, uri, weight: String(weight), extra })),
    stickySource: sticky ? sticky.source : '',
    stickyName: sticky ? sticky.name || '' : '',
    splitRest,
  };
}

/** The route the form describes, and the problems found before asking the server. */
function toRoute(form) {
  const problems = [];
  const route = { id: form.id.trim(), uri: form.uri.trim() };
  route.predicates = lines(form.predicates, '/predicates', problems);
  route.filters = lines(form.filters, '/filters', problems);
  route.order = Number(form.order || 0);
  try {
    route.metadata = form.metadata.trim() ? JSON.parse(form.metadata) : {};
  } catch (error) {
    problems.push({ pointer: '/metadata', message: `not valid JSON: ${error.message}` });
  }
  if (form.hasSplit) {
    route.split = {
      ...form.splitRest,
      destinations: form.destinations.map((d, i) => {
        const weight = d.weight.trim() === '' ? null : Number(d.weight);
        if (Number.isNaN(weight)) problems.push({ pointer: `/split/destinations/${i}/weight`, message: `${d.weight} is not a number` });
        return { ...d.extra, name: d.name.trim(), uri: d.uri.trim(), weight };
      }),
    };
    if (form.stickySource) {
      route.split.sticky = { source: form.stickySource, ...(form.stickyName ? { name: form.stickyName } : {}) };
    }
  }
  return { route, problems };
}

/**
 * Edits one route: a form (match, destinations, policies) and a raw JSON tab. Every change is
 * checked by the server's dry run (POST /validate) and its problems are shown at their fields;
 * saving sends If-Match and, when someone else changed the route meanwhile, shows what they
 * changed and lets the operator reload or overwrite knowingly.
 */
class RouteEditor extends Page {
  static properties = {
    routeId: {},
    operator: { type: Boolean },
    form: { state: true },
    tab: { state: true },
    raw: { state: true },
    problems: { state: true },
    checking: { state: true },
    status: { state: true },
    conflict: { state: true },
    liveVersion: { state: true },
    openedAt: { state: true },
    comment: { state: true },
  };

  constructor() {
    super();
    this.tab = 'form';
    this.problems = [];
    this.comment = '';
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
    this.onDisconnect(live.subscribe((snapshot) => (this.liveVersion = snapshot.version)));
  }

  get isNew() {
    return !this.routeId;
  }

  async load() {
    this.conflict = null;
    this.status = null;
    this.problems = [];
    if (this.isNew) {
      this.baseline = null;
      this.etag = null;
      this.form = toForm({ predicates: ['Path=/new/**'], uri: 'lb://' });
    } else {
      const { data, etag } = await api.get(`/routes/${encodeURIComponent(this.routeId)}`);
      this.baseline = data;
      this.etag = etag;
      this.form = toForm(data);
    }
    this.raw = JSON.stringify(toRoute(this.form).route, null, 2);
    this.openedAt = this.liveVersion;
    if (!this.isNew) this.check();
  }

  edit(change) {
    this.form = { ...this.form, ...change };
    this.status = null;
    clearTimeout(this.pending);
    this.pending = setTimeout(() => this.check(), 400);
  }

  editDestination(index, change) {
    const destinations = this.form.destinations.map((d, i) => (i === index ? { ...d, ...change } : d));
    this.edit({ destinations });
  }

  current() {
    if (this.tab === 'raw') {
      try {
        return { route: JSON.parse(this.raw), problems: [] };
      } catch (error) {
        return { route: null, problems: [{ pointer: '', message: `not valid JSON: ${error.message}` }] };
      }
    }
    return toRoute(this.form);
  }

  /** Dry run; true when the server found nothing wrong. */
  async check() {
    clearTimeout(this.pending);
    const { route, problems } = this.current();
    if (problems.length) {
      this.problems = problems;
      return false;
    }
    // Answers may arrive out of order: only the latest check may show its problems.
    const sequence = (this.checks = (this.checks || 0) + 1);
    this.checking = true;
    try {
      await api.post('/validate', { route });
      if (sequence === this.checks) this.problems = [];
      return true;
    } catch (error) {
      if (sequence === this.checks) this.problems = problemsOf(error, '/route');
      return false;
    } finally {
      if (sequence === this.checks) this.checking = false;
    }
  }

  async save(overwriteEtag) {
    if (!(await this.check())) {
      this.status = { kind: 'error', text: 'Not saved: fix the problems shown first.' };
      return;
    }
    const { route } = this.current();
    const options = { comment: this.comment || undefined };
    try {
      const saved = this.isNew
        ? await api.post('/routes', route, options)
        : await api.put(`/routes/${encodeURIComponent(this.routeId)}`, route, { ...options, etag: overwriteEtag || this.etag });
      this.baseline = saved.data;
      this.etag = saved.etag;
      this.conflict = null;
      this.status = { kind: 'ok', text: `Saved as version ${saved.version}.` };
      if (this.isNew) window.location.hash = `#/routes/${encodeURIComponent(route.id)}`;
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        const { data, etag } = await api.get(`/routes/${encodeURIComponent(this.routeId)}`);
        this.conflict = { theirs: data, etag, changes: jsonDiff(this.baseline, data) };
        this.status = null;
      } else if (error instanceof ApiError && error.status === 422) {
        this.problems = problemsOf(error, '');
        this.status = { kind: 'error', text: 'Not saved: the gateway refused it.' };
      } else {
        this.status = { kind: 'error', text: `Not saved: ${error.message}` };
      }
    }
  }

  switchTab(tab) {
    if (tab === this.tab) return;
    if (tab === 'raw') {
      this.raw = JSON.stringify(toRoute(this.form).route, null, 2);
    } else {
      try {
        this.form = toForm(JSON.parse(this.raw));
      } catch (error) {
        this.problems = [{ pointer: '', message: `not valid JSON: ${error.message}` }];
        return;
      }
    }
    this.tab = tab;
  }

  /** Problems at or under one of the pointers, claimed so they are not listed again at the top. */
  errorsAt(pointers, exact = false) {
    return this.problems.filter((p) => pointers.some((at) => p.pointer === at || (!exact && p.pointer.startsWith(`${at}/`))));
  }

  fieldError(id, problems, listIndex = false) {
    if (!problems.length) return nothing;
    return html`<div class="field-error" id="error-${id}" role="alert">${problems.map((p) => {
      const line = listIndex ? p.pointer.split('/')[2] : undefined;
      return html`<p>${line !== undefined ? `line ${Number(line) + 1}: ` : ''}${p.message}</p>`;
    })}</div>`;
  }

  claimed() {
    const fields = ['/id', '/uri', '/predicates', '/filters', '/order', '/metadata', '/split'];
    return this.problems.filter((p) => this.tab === 'form' && fields.some((f) => p.pointer === f || p.pointer.startsWith(`${f}/`)));
  }

  text(id, label, value, key, attrs = {}) {
    const problems = this.errorsAt([`/${key}`]);
    return html`<div class="field">
      <label for="field-${id}">${label}</label>
      <input id="field-${id}" .value=${value} ?readonly=${attrs.readonly} aria-invalid=${problems.length > 0}
        aria-describedby=${problems.length ? `error-${id}` : nothing}
        @input=${(e) => this.edit({ [key]: e.target.value })}>
      ${this.fieldError(id, problems)}
    </div>`;
  }

  area(id, label, key, hint, rows = 3) {
    const problems = this.errorsAt([`/${key}`]);
    return html`<div class="field">
      <label for="field-${id}">${label}</label>
      <textarea id="field-${id}" class="mono" rows=${rows} .value=${this.form[key]} aria-invalid=${problems.length > 0}
        aria-describedby="hint-${id} ${problems.length ? `error-${id}` : ''}"
        @input=${(e) => this.edit({ [key]: e.target.value })}></textarea>
      <small id="hint-${id}" class="hint">${hint}</small>
      ${this.fieldError(id, problems, key !== 'metadata')}
    </div>`;
  }

  destinationRow(d, i) {
    const at = `/split/destinations/${i}`;
    // Weights are typed as text: a number input reports "" while "-" alone is typed, and
    // re-rendering that would swallow the sign the validator should see.
    const cell = (field, type, label) => {
      const problems = this.errorsAt([`${at}/${field}`]);
      return html`<td>
        <input id="dest-${field}-${i}" class="dest-${field}" type="text" inputmode=${type === 'number' ? 'numeric' : 'text'} .value=${d[field]} aria-label="${label} of destination ${i + 1}"
          aria-invalid=${problems.length > 0} @input=${(e) => this.editDestination(i, { [field]: e.target.value })}>
        ${this.fieldError(`dest-${field}-${i}`, problems)}
      </td>`;
    };
    const rowProblems = this.errorsAt([at], true);
    return html`<tr>
      ${cell('name', 'text', 'Name')} ${cell('uri', 'text', 'URI')} ${cell('weight', 'number', 'Weight')}
      <td><button type="button" class="link" aria-label="Remove destination ${i + 1}"
        @click=${() => this.edit({ destinations: this.form.destinations.filter((_, j) => j !== i) })}>Remove</button>
        ${this.fieldError(`dest-${i}`, rowProblems)}</td>
    </tr>`;
  }

  splitFields() {
    const f = this.form;
    const splitProblems = this.errorsAt(['/split', '/split/destinations'], true);
    const stickyProblems = this.errorsAt(['/split/sticky']);
    return html`<fieldset class="split-fields">
      <legend>Destinations</legend>
      <label class="inline"><input type="checkbox" id="field-has-split" .checked=${f.hasSplit}
        @change=${(e) => this.edit({ hasSplit: e.target.checked, destinations: f.destinations.length ? f.destinations : [{ name: 'stable', uri: f.uri, weight: '100', extra: {} }] })}>
        Split traffic between weighted destinations</label>
      ${f.hasSplit ? html`
        <table class="grid compact"><thead><tr><th scope="col">Name</th><th scope="col">URI</th><th scope="col">Weight</th><th scope="col"></th></tr></thead>
          <tbody>${f.destinations.map((d, i) => this.destinationRow(d, i))}</tbody></table>
        <button type="button" id="add-destination" @click=${() => this.edit({ destinations: [...f.destinations, { name: '', uri: 'lb://', weight: '0', extra: {} }] })}>Add destination</button>
        ${this.fieldError('split', splitProblems)}
        <div class="row">
          <div class="field"><label for="field-sticky-source">Sticky key</label>
            <select id="field-sticky-source" @change=${(e) => this.edit({ stickySource: e.target.value })}>
              ${STICKY_SOURCES.map((s) => html`<option value=${s} ?selected=${s === f.stickySource}>${s || '(none: random draw)'}</option>`)}
            </select></div>
          ${['header', 'cookie'].includes(f.stickySource) ? html`<div class="field"><label for="field-sticky-name">${f.stickySource} name</label>
            <input id="field-sticky-name" .value=${f.stickyName} @input=${(e) => this.edit({ stickyName: e.target.value })}></div>` : ''}
        </div>
        ${this.fieldError('sticky', stickyProblems)}` : ''}
    </fieldset>`;
  }

  formTab() {
    return html`
      <div class="row">
        ${this.text('id', 'Route id', this.form.id, 'id', { readonly: !this.isNew })}
        ${this.text('uri', 'URI (when no split)', this.form.uri, 'uri')}
        ${this.text('order', 'Order', this.form.order, 'order')}
      </div>
      <fieldset><legend>Match</legend>
        ${this.area('predicates', 'Predicates', 'predicates', 'One per line: Path=/v1/**, Header=X-Tenant,acme, Model=llama-3, or a JSON object.')}
      </fieldset>
      ${this.splitFields()}
      <fieldset><legend>Policies</legend>
        ${this.area('filters', 'Filters', 'filters', 'One per line: StripPrefix=1, Timeouts=…, AdaptiveRetry=…, Admission, or a JSON object.')}
        ${this.area('metadata', 'Metadata (JSON)', 'metadata', 'e.g. {"response-timeout": 30000, "max-request-body": "2MB"}', 4)}
      </fieldset>`;
  }

  rawTab() {
    return html`<div class="field">
      <label for="raw-json">The route as JSON (the admin API's form)</label>
      <textarea id="raw-json" class="mono" rows="22" .value=${this.raw}
        @input=${(e) => { this.raw = e.target.value; clearTimeout(this.pending); this.pending = setTimeout(() => this.check(), 400); }}></textarea>
    </div>`;
  }

  conflictPanel() {
    const c = this.conflict;
    return html`<section class="conflict" id="conflict" role="alert" aria-labelledby="conflict-title">
      <h2 id="conflict-title">Someone changed this route meanwhile</h2>
      <p>Your save was not applied. What changed since you opened the editor:</p>
      <table class="grid compact" id="conflict-changes"><thead><tr><th scope="col">Field</th><th scope="col">When you opened it</th><th scope="col">Now</th></tr></thead>
        <tbody>${c.changes.map((d) => html`<tr><td class="mono">${d.path}</td><td class="mono">${show(d.before)}</td><td class="mono">${show(d.after)}</td></tr>`)}</tbody></table>
      <div class="buttons">
        <button type="button" id="conflict-reload" @click=${() => this.load()}>Reload (discard my edits)</button>
        <button type="button" id="conflict-overwrite" class="danger" @click=${() => this.save(c.etag)}>Overwrite with my version</button>
      </div>
    </section>`;
  }

  render() {
    if (!this.form) return html`<p aria-busy="true">Loading…</p>`;
    const unclaimed = this.problems.filter((p) => !this.claimed().includes(p));
    const moved = this.openedAt != null && this.liveVersion != null && this.liveVersion !== this.openedAt;
    return html`
      <div class="page-head">
        <h1>${this.isNew ? 'New route' : html`Route <span class="mono">${this.routeId}</span>`}</h1>
        ${!this.isNew && this.form.hasSplit ? html`<a href="#/routes/${encodeURIComponent(this.routeId)}/split">Traffic split</a>` : ''}
        <a href="#/routes">All routes</a>
      </div>
      ${moved ? html`<p class="notice" id="moved-notice">The live configuration moved to v${this.liveVersion} since you opened this editor; saving checks whether this route changed.</p>` : ''}
      ${this.conflict ? this.conflictPanel() : ''}
      <div role="tablist" aria-label="Editor view" class="tabs">
        <button role="tab" id="tab-form" aria-selected=${this.tab === 'form'} @click=${() => this.switchTab('form')}>Form</button>
        <button role="tab" id="tab-raw" aria-selected=${this.tab === 'raw'} @click=${() => this.switchTab('raw')}>Raw JSON</button>
      </div>
      <form class="editor" @submit=${(e) => { e.preventDefault(); this.save(); }} novalidate>
        ${unclaimed.length ? html`<div class="field-error" id="form-problems" role="alert">${unclaimed.map((p) => html`<p>${p.pointer ? html`<span class="mono">${p.pointer}</span>: ` : ''}${p.message}</p>`)}</div>` : ''}
        ${this.tab === 'form' ? this.formTab() : this.rawTab()}
        <div class="savebar">
          <label for="field-comment">Comment</label>
          <input id="field-comment" maxlength="200" placeholder="why (kept in the history)" .value=${this.comment} @input=${(e) => (this.comment = e.target.value)}>
          <span class="check-state" id="check-state" aria-live="polite">${this.checking ? 'checking…' : this.problems.length ? `${this.problems.length} problem${this.problems.length > 1 ? 's' : ''}` : 'valid'}</span>
          ${this.operator ? html`<button type="submit" id="save" class="primary">Save</button>` : html`<span>Read-only (viewer)</span>`}
        </div>
        ${this.status ? html`<p id="save-status" class=${this.status.kind} role="status">${this.status.text}</p>` : ''}
      </form>`;
  }
}

customElements.define('ig-route-editor', RouteEditor);
