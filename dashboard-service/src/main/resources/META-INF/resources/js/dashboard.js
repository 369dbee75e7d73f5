// The adoption dashboard: sign in (through Keycloak, or with a pasted token; kept in memory either way), load the
// snapshots, follow the live feed.

import { ApiProblem, get, signIn, signOut } from './api.js';
import { beginSignIn, completeSignIn, discover, forget, signOutEverywhere } from './oidc.js';
import { LiveFeed } from './feed.js';
import { feedEntry, el, renderFunnel, renderGovernance, renderLiteracy, renderNotes, renderRevisits } from './render.js';
import { summaryView, revisitView } from './model.js';

const FEED_SHOWN = 200;       // entries kept on the page
const FEED_BACKLOG = 50;      // feed ids read back on load
const REFRESH_DEBOUNCE_MS = 250;
const REFRESH_MAX_WAIT_MS = 1000;

const $ = (id) => document.getElementById(id);
const knownDepartments = new Set();
const state = { department: '', period: 30, loading: null, refreshTimer: null, refreshDue: 0, asOfFeedId: 0, snapshotSeq: 0 };

const feed = new LiveFeed({
  onItem: (item) => {
    showItem(item, true);
    scheduleRefresh();
    if (item.department && !knownDepartments.has(item.department)) {
      knownDepartments.add(item.department); // once: the list is read again shortly
      clearTimeout(state.departmentsTimer);
      state.departmentsTimer = setTimeout(loadDepartments, REFRESH_DEBOUNCE_MS);
    }
  },
  onReset: ({ oldest, latest }) => {
    addNotice(`Activity before item ${oldest} is no longer kept; continuing from item ${latest}.`);
    scheduleRefresh();
  },
  onState: (kind, message) => {
    const connection = $('connection');
    connection.dataset.state = kind;
    connection.textContent = message;
  },
});

// --- signing in and out ---------------------------------------------------------------------------------

$('sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $('token');
  let claims;
  try {
    claims = signIn(input.value);
  } catch (error) {
    showProblem(error.message);
    input.focus();
    return;
  }
  input.value = '';
  enter(claims);
});

$('sign-in-oidc').addEventListener('click', () => {
  beginSignIn().catch((error) => showProblem(`Could not start the sign-in: ${error.message}`));
});

/** Shows the dashboard for the caller whose token's claims these are. */
function enter(claims) {
  showProblem(null);
  const roles = claims.groups || claims.roles || [];
  $('who').textContent = claims.upn || claims.preferred_username || claims.sub || 'unknown';
  $('scope').textContent = `(${[].concat(roles).join(', ') || 'no role'}${claims.department ? ', ' + claims.department : ''})`;
  $('sign-in').hidden = true;
  $('sign-in-provider').hidden = true;
  $('welcome').hidden = true;
  $('signed-in').hidden = false;
  $('filters').hidden = false;
  $('board').hidden = false;
  loadDepartments();
  reload();
  $('main').focus();
}

function leave() {
  signOut();
  feed.stop();
  state.loading?.abort();
  clearTimeout(state.refreshTimer);
  clearTimeout(state.departmentsTimer);
  state.snapshotSeq++; // an answer still on its way is not shown
  $('feed').replaceChildren();
  $('feed-empty').hidden = false;
  $('signed-in').hidden = true;
  $('filters').hidden = true;
  $('board').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-provider').hidden = !state.provider;
  $('welcome').hidden = false;
  (state.provider ? $('sign-in-oidc') : $('token')).focus();
}

$('sign-out').addEventListener('click', () => {
  leave();
  signOutEverywhere(); // a Keycloak session ends there too (the page comes back signed out)
});

/** Offers the identity provider's sign-in when the service names one, and finishes a sign-in on the way back. */
async function startSignIn() {
  try {
    state.provider = await discover();
  } catch (error) {
    showProblem(`Sign-in through the identity provider is not available: ${error.message}`);
    return;
  }
  if (!state.provider) {
    return;
  }
  $('sign-in-provider').hidden = false;
  try {
    const access = await completeSignIn(
      (refreshed) => signIn(refreshed),
      (message) => { leave(); showProblem(message); });
    if (access) {
      enter(signIn(access));
    }
  } catch (error) {
    forget();
    showProblem(error.message);
  }
}

startSignIn();

// --- filters ---------------------------------------------------------------------------------------------

$('department').addEventListener('change', (event) => {
  state.department = event.target.value;
  reload();
});
$('period').addEventListener('change', (event) => {
  state.period = Number(event.target.value);
  refreshSnapshot();
});
$('filters').addEventListener('submit', (event) => event.preventDefault());

async function loadDepartments() {
  try {
    const answer = await get('/dashboard/departments');
    const list = Array.isArray(answer) ? answer : answer.items || [];
    const select = $('department');
    const chosen = select.value;
    select.replaceChildren(el('option', { value: '' }, 'All departments'),
      ...list.map((d) => el('option', { value: d.id }, d.name && d.name !== d.id ? `${d.name} (${d.id})` : d.id)));
    select.value = list.some((d) => d.id === chosen) ? chosen : '';
    list.forEach((d) => knownDepartments.add(d.id));
  } catch (error) {
    report(error);
  }
}

// --- snapshots -------------------------------------------------------------------------------------------

function period() {
  const to = new Date();
  const from = new Date(to.getTime() - (state.period - 1) * 86_400_000);
  const iso = (d) => d.toISOString().slice(0, 10);
  return { from: iso(from), to: iso(to) };
}

/** Everything again for a new filter: the snapshot, the recent activity, and the stream from there. */
async function reload() {
  feed.stop();
  state.loading?.abort();
  const loading = new AbortController();
  state.loading = loading;
  $('feed').replaceChildren();
  $('feed-empty').hidden = false;
  try {
    await refreshSnapshot(loading.signal);
    const after = Math.max(0, state.asOfFeedId - FEED_BACKLOG);
    const page = await get('/dashboard/activity', { after, limit: FEED_BACKLOG, department: state.department }, loading.signal);
    if (loading.signal.aborted) {
      return;
    }
    let last = after;
    for (const item of page.items || []) {
      showItem(item, false);
      last = Math.max(last, item.id);
    }
    // the stream replays whatever came after the last item shown: no gap, and nothing twice
    feed.start(state.department, last);
    const board = $('board');
    board.dataset.loads = String(Number(board.dataset.loads || 0) + 1);
  } catch (error) {
    if (error.name !== 'AbortError') {
      report(error);
    }
  }
}

async function refreshSnapshot(signal) {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = null;
  state.refreshDue = 0;
  const filter = { department: state.department, ...period() };
  // an answer to an older request (another department, or overtaken by a newer refresh) is not shown
  const seq = ++state.snapshotSeq;
  try {
    const [summary, revisits] = await Promise.all([
      get('/dashboard/summary', filter, signal),
      // the revisit list is department detail: outside the caller's read scope it is 403, and the page says so
      get('/dashboard/revisits', { department: state.department }, signal)
        .catch((error) => (error instanceof ApiProblem && error.status === 403 ? null : Promise.reject(error))),
    ]);
    if (seq !== state.snapshotSeq) {
      return;
    }
    const view = summaryView(summary);
    state.asOfFeedId = view.asOfFeedId;
    renderFunnel(view);
    renderNotes(view);
    renderRevisits(view.revisits, revisitView(revisits), view.detail && revisits !== null);
    renderGovernance(view);
    renderLiteracy(view);
    const asOf = $('as-of');
    asOf.dataset.feedId = view.asOfFeedId;
    asOf.textContent = `${view.from} to ${view.to} (previous: ${view.previousFrom} to ${view.previousTo}), as of feed item ${view.asOfFeedId}`;
    showProblem(null);
    // the counters may trail the feed item that triggered this refresh: look again shortly
    if (view.asOfFeedId < feed.position()) {
      scheduleRefresh();
    }
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    report(error);
  }
}

/** Refreshes the snapshot after activity: trailing debounce, but at most REFRESH_MAX_WAIT_MS after the first. */
function scheduleRefresh() {
  const now = Date.now();
  if (!state.refreshDue) {
    state.refreshDue = now + REFRESH_MAX_WAIT_MS;
  }
  clearTimeout(state.refreshTimer);
  const wait = Math.max(0, Math.min(REFRESH_DEBOUNCE_MS, state.refreshDue - now));
  state.refreshTimer = setTimeout(() => refreshSnapshot().catch(() => {}), wait);
}

// --- the feed --------------------------------------------------------------------------------------------

function showItem(item, fresh) {
  const list = $('feed');
  if (list.querySelector(`li[data-id="${CSS.escape(String(item.id))}"]`)) {
    return; // defensively: never the same id twice on the page
  }
  list.prepend(feedEntry(item, fresh));
  while (list.children.length > FEED_SHOWN) {
    list.lastElementChild.remove();
  }
  $('feed-empty').hidden = true;
}

function addNotice(text) {
  $('feed').prepend(el('li', { class: 'notice' }, text));
  $('feed-empty').hidden = true;
}

// --- problems --------------------------------------------------------------------------------------------

function report(error) {
  if (error instanceof ApiProblem && error.status === 401) {
    showProblem('The token was refused (expired or not valid here). Sign out and sign in with a new one.');
  } else if (error instanceof ApiProblem && error.status === 403) {
    showProblem(`Not in your read scope: ${error.message}`);
  } else {
    showProblem(`Could not load the dashboard: ${error.message}`);
  }
}

function showProblem(text) {
  const problem = $('problem');
  problem.textContent = text || '';
  problem.hidden = !text;
}
