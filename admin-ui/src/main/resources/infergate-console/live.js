// One server-sent event stream per open console (GET /admin/api/live); pages subscribe to it.
const listeners = new Set();
const stateListeners = new Set();
let source = null;
let latest = null;
let state = 'connecting';

function setState(next) {
  state = next;
  stateListeners.forEach((listener) => listener(state));
}

function connect() {
  source = new EventSource('/admin/api/live');
  source.addEventListener('live', (event) => {
    latest = JSON.parse(event.data);
    if (state !== 'live') setState('live');
    listeners.forEach((listener) => listener(latest));
  });
  source.addEventListener('error', () => {
    // The browser reconnects by itself unless the answer was not a stream (signed out).
    setState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
  });
}

export const live = {
  /** Calls listener with every snapshot (at once with the latest); returns the unsubscribe function. */
  subscribe(listener) {
    if (!source) connect();
    listeners.add(listener);
    if (latest) listener(latest);
    return () => listeners.delete(listener);
  },
  onState(listener) {
    stateListeners.add(listener);
    listener(state);
    return () => stateListeners.delete(listener);
  },
  latest: () => latest,
  close() {
    if (source) source.close();
  },
};
