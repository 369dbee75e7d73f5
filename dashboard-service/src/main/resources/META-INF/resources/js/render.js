// Rendering: every value goes in through textContent or an attribute, never as HTML.

const STEPS = [
  { key: 'submitted', label: 'Submitted', track: 'main' },
  { key: 'approved', label: 'Approved', track: 'main' },
  { key: 'experimentStarted', label: 'Experiment started', track: 'main' },
  { key: 'concluded', label: 'Concluded', track: 'main' },
  { key: 'scaled', label: 'Scaled', track: 'main' },
  { key: 'rejected', label: 'Rejected', track: 'revisit' },
  { key: 'revisitDue', label: 'Revisit due', track: 'revisit' },
  { key: 'reopened', label: 'Reopened', track: 'revisit' },
];

/** 'idea.finding-recorded' -> 'Idea: finding recorded'. */
function typeLabel(type) {
  const [aggregate, ...rest] = String(type).split('.');
  const what = rest.join(' ').replace(/-/g, ' ');
  const name = aggregate === 'ai-system' ? 'AI system' : aggregate.replace(/-/g, ' ');
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}${what ? ': ' + what : ''}`;
}

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'class') {
      node.className = value;
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

function count(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The trend of a count against the previous period, as words and a sign (never colour alone). */
export function trend(current, previous) {
  if (previous === 0) {
    return current === 0 ? { text: '=', label: 'no change', kind: '' } : { text: 'new', label: 'none in the previous period', kind: 'up' };
  }
  const change = (current - previous) / previous;
  if (change === 0) {
    return { text: '= 0%', label: 'no change', kind: '' };
  }
  const sign = change > 0 ? '▲ +' : '▼ −';
  return {
    text: sign + percent.format(Math.abs(change)),
    label: `${change > 0 ? 'up' : 'down'} ${percent.format(Math.abs(change))} on the previous period`,
    kind: change > 0 ? 'up' : 'down',
  };
}

export function renderFunnel(view) {
  const main = document.getElementById('funnel-main');
  const revisit = document.getElementById('funnel-revisit');
  const top = Math.max(1, ...STEPS.map((s) => count(view.current[s.key])));
  const rows = { main: [], revisit: [] };
  for (const step of STEPS) {
    const current = count(view.current[step.key]);
    const previous = count(view.previous[step.key]);
    const change = trend(current, previous);
    const conversion = view.conversion[step.key];
    const median = view.medianDays[step.key];
    rows[step.track].push(el('tr', { 'data-step': step.key },
      el('th', { scope: 'row' }, step.label),
      el('td', { class: 'num current', 'data-count': current }, integer.format(current)),
      el('td', { 'aria-hidden': 'true' }, el('div', { class: 'bar', style: `width:${(100 * current) / top}%` })),
      el('td', { class: 'num previous' }, integer.format(previous)),
      el('td', { class: `num trend ${change.kind ? 'trend-' + change.kind : ''}` },
        el('span', { 'aria-hidden': 'true' }, change.text), el('span', { class: 'visually-hidden' }, change.label)),
      el('td', { class: 'num conversion' }, typeof conversion === 'number' ? percent.format(conversion) : '–'),
      el('td', { class: 'num median' }, typeof median === 'number' ? oneDecimal.format(median) : '–')));
  }
  main.replaceChildren(...rows.main);
  revisit.replaceChildren(...rows.revisit);

  const facts = document.getElementById('facts');
  facts.replaceChildren(...view.facts.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
}

export function renderNotes(view) {
  if (view.countedBy) {
    document.getElementById('funnel-note').textContent = `Counted by ${view.countedBy}. Conversion is a step's count `
      + 'against the step before it; the trend compares each count with the previous period of the same length.';
  }
  document.getElementById('not-told').replaceChildren(...view.notTold.map((text) => el('li', {}, text)));
}

export function renderRevisits(counts, items, visible) {
  document.getElementById('revisit-counts').replaceChildren(...(visible ? [
    el('strong', { 'data-revisits-due': count(counts.due) }, integer.format(count(counts.due))), ' due, ',
    el('strong', { 'data-revisits-overdue': count(counts.overdue) }, integer.format(count(counts.overdue))),
    ` of them overdue by more than ${counts.overdueAfterDays || 30} days; `,
    integer.format(count(counts.scheduled)), ' scheduled'] : ['Outside your read scope.']));
  const body = document.querySelector('#revisits tbody');
  const shown = visible ? items.slice(0, 8) : [];
  body.replaceChildren(...shown.map((item) => el('tr', {},
    el('td', {}, item.title || item.ideaId || item.caseId || '–'),
    el('td', {}, item.department || '–'),
    el('td', {}, item.dueAt ? formatDay(item.dueAt) : '–'),
    el('td', {}, item.overdue ? 'Overdue' : item.status === 'DUE' ? 'Due' : 'Scheduled'))));
  document.getElementById('revisits').hidden = shown.length === 0;
  document.getElementById('revisits-empty').hidden = !visible || shown.length !== 0;
}

export function renderGovernance(view) {
  document.getElementById('governance-hidden').hidden = view.detail;
  document.getElementById('governance-tables').hidden = !view.detail;
  const none = (columns) => [el('tr', {}, el('td', { colspan: columns, class: 'empty' }, 'None open'))];
  const findings = view.findings.map((f) => el('tr', {},
    el('td', {}, f.kind), el('td', { class: 'num' }, integer.format(count(f.open)))));
  document.querySelector('#findings tbody').replaceChildren(...(findings.length ? findings : none(2)));
  const gaps = view.gaps.filter((g) => count(g.count) > 0).map((g) => el('tr', {},
    el('td', {}, g.article), el('td', {}, g.gap), el('td', { class: 'num' }, integer.format(count(g.count)))));
  document.querySelector('#gaps tbody').replaceChildren(...(gaps.length ? gaps : none(3)));
}

export function renderLiteracy(view) {
  const target = document.getElementById('literacy');
  const literacy = view.literacy;
  if (!view.detail) {
    target.replaceChildren(el('p', { class: 'empty' }, 'Outside your read scope.'));
    return;
  }
  if (!literacy || !literacy.total) {
    target.replaceChildren(el('p', { class: 'empty' }, 'No accountable owners of AI systems in use are known yet.'));
    return;
  }
  const ratio = literacy.covered / literacy.total;
  target.replaceChildren(
    el('p', {}, el('strong', { 'data-coverage': ratio }, percent.format(ratio)),
      ` covered: ${integer.format(literacy.covered)} of ${integer.format(literacy.total)} accountable owners.`),
    el('div', { class: 'meter', role: 'img', 'aria-label': `${percent.format(ratio)} covered` },
      el('div', { style: `width:${100 * ratio}%` })),
    literacy.basis ? el('p', { class: 'muted small' }, `Basis: ${literacy.basis}.`) : null);
}

/** One feed entry; {@code fresh} marks it as just arrived (a short highlight). */
export function feedEntry(item, fresh) {
  const when = new Date(item.occurredAt);
  return el('li', { 'data-id': item.id, 'data-type': item.type, 'data-department': item.department || '', class: fresh ? 'fresh' : null },
    el('div', { class: 'meta' },
      el('span', { class: 'type' }, typeLabel(item.type)),
      item.department ? el('span', {}, item.department) : null,
      el('time', { datetime: item.occurredAt }, Number.isNaN(when.getTime()) ? '' : time.format(when)),
      el('span', { class: 'visually-hidden' }, `feed item ${item.id}`)),
    el('p', { class: 'summary' }, item.summary || item.title || ''));
}

export function formatDay(value) {
  return day.format(new Date(value));
}

export function formatDays(value) {
  return `${oneDecimal.format(value)} days`;
}
