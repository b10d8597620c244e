// Number formats shared by the pages; a missing value shows as an en dash.
const DASH = '–';

export const fmt = {
  rps: (value) => (value == null ? DASH : value < 10 ? value.toFixed(1) : Math.round(value).toString()),
  ms: (value) => (value == null ? DASH : value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`),
  percent: (value) => (value == null ? DASH : `${(value * 100).toFixed(value > 0 && value < 0.1 ? 1 : 0)} %`),
  number: (value, digits = 0) => (value == null ? DASH : Number(value).toFixed(digits)),
  time: (iso) => (iso ? new Date(iso).toLocaleString() : DASH),
};

/** A predicate or filter as one line: the shortcut form, or its JSON when it has named args. */
export function shortcut(item) {
  if (typeof item === 'string') return item;
  const args = item.args || {};
  const keys = Object.keys(args);
  if (keys.every((key) => key.startsWith('_genkey_'))) return `${item.name}=${keys.map((key) => args[key]).join(',')}`;
  return JSON.stringify(item);
}
