// From the JSON of GET /dashboard/summary and /dashboard/revisits (dashboard-service's SummaryQueries records) to
// what the page shows.

import { formatDay, formatDays } from './render.js';

/** The stage whose median ends at a step: the decision ends at approval, and so on. */
const STAGE_ENDING_AT = { approved: 'decision', experimentStarted: 'to-experiment', concluded: 'experiment' };
const STAGE_LABELS = { decision: 'submitted to decision', 'to-experiment': 'approved to experiment', experiment: 'experiment running' };

export function summaryView(summary) {
  const conversion = {};
  for (const step of summary.conversion || []) {
    conversion[step.to] = typeof step.rate === 'number' ? step.rate : null;
  }
  const medians = summary.medianDays || {};
  const medianDays = {};
  for (const [step, stage] of Object.entries(STAGE_ENDING_AT)) {
    if (typeof medians[stage]?.days === 'number') {
      medianDays[step] = medians[stage].days;
    }
  }
  const detail = summary.detailScope !== 'hidden';
  const facts = [];
  if (detail) {
    const oldest = summary.oldestWaiting;
    facts.push(['Oldest idea waiting for a decision', oldest
      ? `${oldest.title || oldest.ideaId} (${oldest.department}), waiting ${oldest.days} days, since ${formatDay(oldest.waitingSince)}`
      : 'none']);
  }
  for (const [stage, median] of Object.entries(medians)) {
    facts.push([`Median, ${STAGE_LABELS[stage] || stage}`, typeof median?.days === 'number'
      ? `${formatDays(median.days)} (${median.ideas} ideas)` : 'no idea finished this stage in the period']);
  }
  const findings = summary.openFindings?.byKind || {};
  return {
    asOfFeedId: Number(summary.asOfFeedId) || 0,
    from: summary.from,
    to: summary.to,
    previousFrom: summary.previousFrom,
    previousTo: summary.previousTo,
    countedBy: summary.countedBy,
    notTold: summary.notTold || [],
    detail,
    current: summary.funnel || {},
    previous: summary.previousFunnel || {},
    conversion,
    medianDays,
    facts,
    revisits: summary.revisits || { due: 0, overdue: 0 },
    findings: Object.entries(findings).map(([kind, open]) => ({ kind, open })),
    gaps: (summary.gaps || []).map((g) => ({ article: g.article, gap: g.gap, count: g.systems })),
    literacy: summary.aiLiteracy && {
      covered: summary.aiLiteracy.trainedOwners,
      total: summary.aiLiteracy.owners,
      basis: summary.aiLiteracy.basis,
    },
  };
}

export function revisitView(answer) {
  return (answer?.items || []).map((item) => ({
    title: item.title,
    ideaId: item.ideaId,
    caseId: item.caseId,
    department: item.department,
    tool: item.tool,
    dueAt: item.dueAt,
    status: item.status,
    cycle: item.cycle,
    overdue: item.overdue === true,
  }));
}
