// From the JSON of GET /dashboard/summary and /dashboard/revisits to what the page shows.

import { formatDay, formatDays } from './render.js';

const STAGES = { approved: 'decision', experimentStarted: 'toExperiment', concluded: 'experiment' };

export function summaryView(summary) {
  const funnel = summary.funnel || {};
  const current = funnel.current || funnel.period || {};
  const previous = funnel.previous || {};
  const medians = summary.medianDays || funnel.medianDays || {};
  const conversion = {};
  for (const [key, value] of Object.entries(summary.conversion || funnel.conversion || {})) {
    conversion[key] = typeof value === 'number' ? value : value?.rate;
  }
  const medianDays = {};
  for (const [step, stage] of Object.entries(STAGES)) {
    const value = medians[stage] ?? medians[step];
    if (typeof value === 'number') {
      medianDays[step] = value;
    }
  }
  const facts = [];
  const oldest = summary.oldestWaiting;
  facts.push(['Oldest idea waiting for a decision', oldest
    ? `${oldest.title || oldest.ideaId} (${oldest.department || 'no department'}), waiting since ${formatDay(oldest.since || oldest.waitingSince)}`
    : 'none']);
  for (const [stage, value] of Object.entries(medians)) {
    if (typeof value === 'number') {
      facts.push([`Median days, ${stage}`, formatDays(value)]);
    }
  }
  const revisits = summary.revisits || {};
  const literacy = summary.aiLiteracy || null;
  return {
    asOfFeedId: Number(summary.asOfFeedId) || 0,
    current,
    previous,
    conversion,
    medianDays,
    facts,
    revisits: { due: revisits.due, overdue: revisits.overdue },
    findings: (summary.findings || []).map((f) => ({ kind: f.kind, article: f.article, open: f.open ?? f.count })),
    gaps: (summary.gaps || summary.complianceGaps || []).map((g) => ({ article: g.article, count: g.count ?? g.gaps })),
    literacy: literacy && {
      covered: literacy.covered ?? literacy.trained,
      total: literacy.total ?? literacy.owners,
      missing: literacy.missing,
    },
  };
}

export function revisitView(answer) {
  const items = Array.isArray(answer) ? answer : answer?.items || [];
  return items.map((item) => ({
    title: item.title,
    ideaId: item.ideaId,
    caseId: item.caseId || item.id,
    department: item.department,
    dueAt: item.dueAt,
    status: item.status,
    overdue: item.overdue === true,
  }));
}
