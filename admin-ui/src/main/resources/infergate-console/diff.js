// What differs between two JSON values, as JSON pointers with the value before and after.
export function jsonDiff(before, after, path = '') {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const bothObjects = before && after && typeof before === 'object' && typeof after === 'object'
    && Array.isArray(before) === Array.isArray(after);
  if (!bothObjects) return [{ path: path || '/', before, after }];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((key) => jsonDiff(before[key], after[key], `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`));
}

export function show(value) {
  return value === undefined ? '(none)' : JSON.stringify(value);
}
