// Dashboards: the cost-rollup job's daily rows summed per tenant, workflow and task type, against the task
// types' targets; drift, and ROI with every input it was computed from.
import { get, post, allByOffset, ApiError } from '../api.js';
import { h, replace, heading, badge, number, percent, empty, toast, scrollRegion } from '../dom.js';
import { lineChart, barChart } from '../charts.js';

export const title = 'Dashboards';

const MAX_ROWS = 10000;

export async function render({ main, me }) {
  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  const filter = { workflow: query.get('workflow') || '', taskType: query.get('taskType') || '',
    from: query.get('from') || '', to: query.get('to') || '' };
  const [workflows, taskTypes, drift, baselines, fetched] = await Promise.all([
    get('/v1/workflows'), get('/v1/task-types'), get('/v1/reports/drift'), get('/v1/baselines'), rollups(filter)]);
  const rows = fetched.items.filter(r => !filter.workflow || r.workflow === filter.workflow);
  const types = new Map(taskTypes.map(t => [t.key, t]));
  const names = new Map(workflows.map(w => [w.key, w.name]));
  replace(main,
    heading('Dashboards', h('span', { class: 'muted' }, `Period: ${period(filter)}`)),
    filters(filter, workflows, taskTypes),
    fetched.total > fetched.items.length
      ? h('p', { class: 'note', role: 'note' }, `Showing the first ${fetched.items.length} of ${fetched.total} rollup rows: narrow the period to see all.`) : null,
    rows.length === 0 ? emptyState(filter, me) : [
      overview(rows, types, names, drift.items || [], me.tenant),
      trends(rows, filter.taskType ? types.get(filter.taskType) : singleType(rows, types)),
      perTaskType(rows, types),
      roiSection(rows, types, names, baselines.items || []),
    ],
    driftSection((drift.items || []).filter(d => inScope(d.taskType, filter, types)), types));
}

function rollups(filter) {
  const query = new URLSearchParams();
  for (const name of ['from', 'to', 'taskType']) if (filter[name]) query.set(name, filter[name]);
  return allByOffset(`/v1/reports/rollups?${query}`, MAX_ROWS);
}

function filters(filter, workflows, taskTypes) {
  const typeSelect = h('select', { id: 'filter-task-type', name: 'taskType' });
  const fillTypes = workflow => replace(typeSelect, h('option', { value: '' }, 'All task types'),
    taskTypes.filter(t => !workflow || t.workflow === workflow)
      .map(t => h('option', { value: t.key, selected: t.key === filter.taskType }, `${t.name} (${t.key})`)));
  fillTypes(filter.workflow);
  const workflowSelect = h('select', { id: 'filter-workflow', name: 'workflow', onchange: e => fillTypes(e.target.value) },
    h('option', { value: '' }, 'All workflows'),
    workflows.map(w => h('option', { value: w.key, selected: w.key === filter.workflow }, w.name)));
  const date = (id, name, label) => h('label', { for: id }, label,
    h('input', { id, name, type: 'date', value: filter[name] || undefined }));
  return h('form', { class: 'filters', 'aria-label': 'Dashboard filters', onsubmit: event => {
    event.preventDefault();
    const data = new URLSearchParams();
    for (const [name, value] of new FormData(event.target)) if (value) data.set(name, value);
    location.hash = `#/dashboards${String(data) ? `?${data}` : ''}`;
  } },
  h('label', { for: 'filter-workflow' }, 'Workflow', workflowSelect),
  h('label', { for: 'filter-task-type' }, 'Task type', typeSelect),
  date('filter-from', 'from', 'From (day)'), date('filter-to', 'to', 'To (day)'),
  h('button', { type: 'submit' }, 'Show'),
  h('a', { href: '#/dashboards', class: 'button secondary' }, 'Clear'));
}

function period({ from, to }) {
  if (from && to) return `${from} to ${to}`;
  if (from) return `from ${from}`;
  if (to) return `up to ${to}`;
  return 'every day rolled up';
}

function emptyState(filter, me) {
  const filtered = filter.workflow || filter.taskType || filter.from || filter.to;
  const admin = me.groups.includes('mandate-admin');
  const start = async event => {
    event.target.disabled = true;
    try {
      const execution = await post('/v1/jobs/cost-rollup/executions', {});
      toast(`Cost rollup started (execution ${execution.id}). Reload this page once it has completed.`);
    } catch (error) {
      toast(error instanceof ApiError ? error.lines().join(' ') : error.message);
      event.target.disabled = false;
    }
  };
  return h('section', { class: 'panel', 'aria-labelledby': 'empty-title' },
    h('h2', { id: 'empty-title' }, filtered ? 'No figures for this selection' : 'No figures yet'),
    empty(filtered ? 'No rollup row matches these filters.' : 'There is no rollup row for this tenant yet.'),
    h('p', {}, 'The dashboards read what the ', h('code', {}, 'cost-rollup'), ' job computed: per day, task type and agent, from the envelopes, executions and reported task outcomes. An administrator starts it with ',
      h('code', {}, 'POST /api/v1/jobs/cost-rollup/executions'), ' (job parameters ', h('code', {}, 'from'), ' and ', h('code', {}, 'to'),
      ', by default the last 30 days), or schedules it nightly with ', h('code', {}, 'mandate.jobs.cost-rollup.schedule'),
      '. ROI also needs a baseline per workflow or task type (', h('code', {}, 'POST /api/v1/baselines'), ').'),
    admin ? h('div', { class: 'actions' }, h('button', { type: 'button', id: 'start-rollup', onclick: start }, 'Run the cost rollup now')) : null);
}

/** The figures of many rows summed; percentiles of several rows cannot be summed (see the note shown with them). */
function sum(rows) {
  const s = { rows: rows.length, total: 0, resolved: 0, escalated: 0, failed: 0, denied: 0, envelopes: 0, deniedEnvelopes: 0,
    toolCalls: 0, retries: 0, cost: 0, p50: weighted(), p95: null, latency50: weighted(), latency95: null,
    roi: null, roiResolved: 0, roiCost: 0, roiTasks: 0, hoursSaved: 0, costPerItem: new Set(), hourlyRate: new Set() };
  for (const r of rows) {
    for (const k of ['total', 'resolved', 'escalated', 'failed', 'denied']) s[k] += r.tasks[k];
    for (const k of ['envelopes', 'deniedEnvelopes', 'toolCalls', 'retries']) s[k] += r[k];
    s.cost += Number(r.cost.total);
    if (r.cost.perResolvedP50 !== undefined) {
      s.p50.add(r.cost.perResolvedP50, r.tasks.resolved);
      s.p95 = Math.max(s.p95 ?? -Infinity, Number(r.cost.perResolvedP95));
    }
    if (r.latency.p50Millis !== undefined) {
      s.latency50.add(r.latency.p50Millis, r.tasks.total - r.tasks.open);
      s.latency95 = Math.max(s.latency95 ?? 0, r.latency.p95Millis);
    }
    if (r.roi) {
      s.roi = (s.roi ?? 0) + Number(r.roi.value);
      s.roiResolved += r.roi.resolved;
      s.roiCost += Number(r.cost.total);
      s.roiTasks += r.tasks.total;
      s.hoursSaved += Number(r.roi.hoursSaved);
      s.costPerItem.add(Number(r.roi.baselineCostPerItem));
      s.hourlyRate.add(Number(r.roi.hourlyRate));
    }
  }
  s.success = s.total ? s.resolved / s.total : null;
  s.escalation = s.total ? s.escalated / s.total : null;
  return s;
}

function weighted() {
  let total = 0; let weight = 0;
  return { add(value, w) { total += Number(value) * Math.max(w, 1); weight += Math.max(w, 1); }, get value() { return weight ? total / weight : null; } };
}

function groups(rows, types, names, tenant) {
  const list = [{ level: 0, name: `Tenant ${tenant}`, rows }];
  for (const workflow of [...new Set(rows.map(r => r.workflow))].sort()) {
    const ofWorkflow = rows.filter(r => r.workflow === workflow);
    list.push({ level: 1, name: names.get(workflow) || workflow, rows: ofWorkflow });
    for (const key of [...new Set(ofWorkflow.map(r => r.taskType))].sort()) {
      list.push({ level: 2, name: types.get(key)?.name || key, key, rows: ofWorkflow.filter(r => r.taskType === key), targets: types.get(key)?.targets || {} });
    }
  }
  return list;
}

function overview(rows, types, names, drift, tenant) {
  const list = groups(rows, types, names, tenant).map(g => ({ ...g, s: sum(g.rows) }));
  const scope = g => h('th', { scope: 'row', class: `level-${g.level}` }, g.name, g.key ? h('span', { class: 'muted' }, ` ${g.key}`) : null);
  const flags = g => {
    const keys = new Set(g.rows.map(r => r.taskType));
    const flagged = drift.filter(d => d.flagged && keys.has(d.taskType));
    return flagged.length ? [badge(`${flagged.length} flagged`, 'warn'), ' ', flagged.map(d => metricName(d.metric)).join(', ')] : badge('None', 'ok');
  };
  return h('section', { 'aria-labelledby': 'overview-title' },
    h('h2', { id: 'overview-title' }, 'Per tenant, workflow and task type'),
    h('p', { class: 'note' }, 'Targets are the task types’. Where several days or agents are summed, cost per resolved task and latency p50 are the mean of their p50s weighted by tasks, and p95 is the highest p95.'),
    scrollRegion('Outcomes against targets', h('table', { id: 'outcomes', class: 'figures' },
      h('caption', {}, 'Outcomes against targets'),
      h('thead', {}, h('tr', {}, ['Scope', 'Tasks', 'Success rate', 'Escalation rate', 'Denied envelopes', 'Tool errors', 'Retries of tool calls', 'Drift flags']
        .map((t, i) => h('th', { scope: 'col', class: i && i < 7 ? 'num' : '' }, t)))),
      h('tbody', {}, list.map(g => h('tr', { class: `level-${g.level}` }, scope(g),
        h('td', { class: 'num' }, number(g.s.total, 0)),
        h('td', { class: 'num' }, against(g.s.success, g.targets?.successRate, 'min')),
        h('td', { class: 'num' }, against(g.s.escalation, g.targets?.escalationRate, 'max')),
        h('td', { class: 'num' }, `${number(g.s.deniedEnvelopes, 0)} of ${number(g.s.envelopes, 0)}`),
        h('td', { class: 'num' }, number(g.s.failed, 0)),
        h('td', { class: 'num' }, `${number(g.s.retries, 0)} of ${number(g.s.toolCalls, 0)}`),
        h('td', {}, flags(g))))))),
    scrollRegion('Cost and latency', h('table', { id: 'costs', class: 'figures' },
      h('caption', {}, 'Cost and latency'),
      h('thead', {}, h('tr', {}, ['Scope', 'Total cost', 'Cost per task', 'Cost per resolved task p50', 'p95', 'Latency p50', 'p95', 'ROI']
        .map((t, i) => h('th', { scope: 'col', class: i ? 'num' : '' }, t)))),
      h('tbody', {}, list.map(g => h('tr', { class: `level-${g.level}` }, scope(g),
        h('td', { class: 'num' }, number(g.s.cost)),
        h('td', { class: 'num' }, against(g.s.total ? g.s.cost / g.s.total : null, g.targets?.costPerTask, 'max', v => number(v))),
        h('td', { class: 'num' }, number(g.s.p50.value)),
        h('td', { class: 'num' }, number(g.s.p95)),
        h('td', { class: 'num' }, duration(g.s.latency50.value)),
        h('td', { class: 'num' }, against(g.s.latency95, g.targets?.p95Millis, 'max', duration)),
        h('td', { class: 'num' }, number(g.s.roi))))))));
}

/** A figure with its target and, in words, whether it meets it ('min': at least the target, 'max': at most). */
function against(value, target, kind, format = percent) {
  if (value === null || value === undefined) return '—';
  if (target === undefined || target === null) return format(value);
  const ok = kind === 'min' ? value >= Number(target) : value <= Number(target);
  return h('span', {}, format(value), h('br'), h('span', { class: 'muted' }, `target ${kind === 'min' ? '≥' : '≤'} ${format(Number(target))}`),
    h('br'), badge(ok ? 'Met' : 'Missed', ok ? 'ok' : 'bad'));
}

function trends(rows, type) {
  const days = [...new Set(rows.map(r => r.day))].sort();
  const daily = days.map(day => ({ day, s: sum(rows.filter(r => r.day === day)) }));
  const series = (name, pick, alt) => ({ name, alt, points: daily.map(d => ({ day: d.day, value: pick(d.s) })) });
  const targets = type?.targets || {};
  const of = type ? ` of ${type.name}` : '';
  return h('section', { 'aria-labelledby': 'trends-title' },
    h('h2', { id: 'trends-title' }, `Day by day${of}`),
    type ? null : h('p', { class: 'note' }, 'Target lines show when one task type is chosen.'),
    h('div', { class: 'chart-grid' },
      lineChart({ title: `Success rate per day${of}`, series: [series('Success rate', s => s.success)], max: 1, format: percent,
        target: targets.successRate !== undefined ? { name: 'Target', value: Number(targets.successRate) } : null }),
      lineChart({ title: `Escalation rate per day${of}`, series: [series('Escalation rate', s => s.escalation)], max: 1, format: percent,
        target: targets.escalationRate !== undefined ? { name: 'Budget', value: Number(targets.escalationRate) } : null }),
      lineChart({ title: `Cost per resolved task per day${of}`, format: v => number(v),
        series: [series('p50', s => s.p50.value), series('p95', s => s.p95, true)] }),
      lineChart({ title: `Latency per day${of}`, format: duration,
        series: [series('p50', s => s.latency50.value), series('p95', s => s.latency95, true)],
        target: targets.p95Millis !== undefined ? { name: 'p95 target', value: Number(targets.p95Millis) } : null })));
}

function perTaskType(rows, types) {
  const keys = [...new Set(rows.map(r => r.taskType))].sort();
  if (keys.length < 2) return null;
  const bars = pick => keys.map(k => ({ label: types.get(k)?.name || k, value: pick(sum(rows.filter(r => r.taskType === k))) }))
    .filter(b => b.value !== null);
  const roi = bars(s => s.roi);
  return h('section', { 'aria-labelledby': 'per-type-title' },
    h('h2', { id: 'per-type-title' }, 'Task types side by side'),
    h('div', { class: 'chart-grid' },
      barChart({ title: 'Success rate per task type', bars: bars(s => s.success), format: percent }),
      barChart({ title: 'Denied envelopes per task type', bars: bars(s => s.deniedEnvelopes), format: v => number(v, 0) }),
      barChart({ title: 'Tool errors (tasks failed after retries) per task type', bars: bars(s => s.failed), format: v => number(v, 0) }),
      roi.length ? barChart({ title: 'ROI per task type with a baseline', bars: roi, format: v => number(v) }) : null));
}

function roiSection(rows, types, names, baselines) {
  const keys = [...new Set(rows.map(r => r.taskType))].sort();
  const one = set => set.size === 0 ? '—' : set.size === 1 ? number([...set][0]) : `${number(Math.min(...set))}–${number(Math.max(...set))}`;
  return h('section', { 'aria-labelledby': 'roi-title' },
    h('h2', { id: 'roi-title' }, 'ROI and its inputs'),
    h('p', {}, 'ROI = resolved × (baseline cost per item − cost per task) + hours saved × hourly rate; hours saved are the resolved tasks’ baseline handling time. People’s review time is already in the cost per task.'),
    scrollRegion('ROI per task type', h('table', { id: 'roi' },
      h('caption', {}, 'ROI per task type, with its inputs'),
      h('thead', {}, h('tr', {}, ['Task type', 'Resolved', 'Baseline cost per item', 'Cost per task', 'Hours saved', 'Hourly rate', 'ROI']
        .map((t, i) => h('th', { scope: 'col', class: i ? 'num' : '' }, t)))),
      h('tbody', {}, keys.map(k => {
        const s = sum(rows.filter(r => r.taskType === k));
        return h('tr', {}, h('th', { scope: 'row' }, types.get(k)?.name || k),
          s.roi === null ? h('td', { colspan: 6, class: 'muted' }, 'No baseline for this task type or its workflow: no ROI.')
            : [h('td', { class: 'num' }, number(s.roiResolved, 0)), h('td', { class: 'num' }, one(s.costPerItem)),
              h('td', { class: 'num' }, number(s.roiTasks ? s.roiCost / s.roiTasks : null)), h('td', { class: 'num' }, number(s.hoursSaved)),
              h('td', { class: 'num' }, one(s.hourlyRate)), h('td', { class: 'num' }, number(s.roi))]);
      })))),
    baselines.length === 0 ? empty('No baselines recorded: ROI needs one per workflow or task type (POST /api/v1/baselines).')
      : scrollRegion('Baselines', h('table', { id: 'baselines' },
        h('caption', {}, 'Baselines: what the work costs today without Mandate'),
        h('thead', {}, h('tr', {}, ['Workflow', 'Task type', 'Cost per item', 'Handling minutes', 'Hourly rate', 'Weekly volume', 'SLA target (min)', 'Backlog']
          .map((t, i) => h('th', { scope: 'col', class: i > 1 ? 'num' : '' }, t)))),
        h('tbody', {}, baselines.map(b => h('tr', {}, h('th', { scope: 'row' }, names.get(b.workflow) || b.workflow),
          h('td', {}, b.taskType ? types.get(b.taskType)?.name || b.taskType : 'the whole workflow'),
          ['costPerItem', 'handlingMinutes', 'hourlyRate', 'weeklyVolume', 'slaTargetMinutes', 'backlog']
            .map(k => h('td', { class: 'num' }, number(b[k])))))))));
}

function driftSection(items, types) {
  return h('section', { 'aria-labelledby': 'drift-title' },
    h('h2', { id: 'drift-title' }, 'Drift'),
    items.length === 0 ? empty('No drift report yet: the cost-rollup job writes one as its last step.') : [
      h('p', { class: 'note' }, `Last 7 days against the last 30, through ${items[0].through}. Rates move by percentage points, cost per task by its relative change.`),
      scrollRegion('Drift', h('table', { id: 'drift' },
        h('caption', {}, 'Drift per task type, flagged first'),
        h('thead', {}, h('tr', {}, ['Task type', 'Metric', 'Last 7 days', 'Last 30 days', 'Change', 'Threshold', 'Tasks (7 / 30 days)', 'Status']
          .map((t, i) => h('th', { scope: 'col', class: i > 1 && i < 7 ? 'num' : '' }, t)))),
        h('tbody', {}, items.map(d => {
          const f = d.metric === 'COST_PER_TASK' ? v => number(v) : percent;
          const change = d.metric === 'COST_PER_TASK' ? relative : points;
          return h('tr', {}, h('th', { scope: 'row' }, types.get(d.taskType)?.name || d.taskType), h('td', {}, metricName(d.metric)),
            h('td', { class: 'num' }, f(d.recent)), h('td', { class: 'num' }, f(d.reference)),
            h('td', { class: 'num' }, d.change === undefined ? '—' : change(d.change)),
            h('td', { class: 'num' }, d.metric === 'COST_PER_TASK' ? percent(d.threshold) : `${number(d.threshold * 100, 1)} pts`),
            h('td', { class: 'num' }, `${d.recentTasks} / ${d.referenceTasks}`),
            h('td', {}, d.flagged ? badge('Drifting', 'warn') : badge('Steady', 'ok')));
        }))))]);
}


function inScope(taskType, filter, types) {
  if (filter.taskType) return taskType === filter.taskType;
  return !filter.workflow || types.get(taskType)?.workflow === filter.workflow;
}

function singleType(rows, types) {
  const keys = new Set(rows.map(r => r.taskType));
  return keys.size === 1 ? types.get([...keys][0]) : null;
}

function metricName(metric) {
  return { SUCCESS_RATE: 'success rate', ESCALATION_RATE: 'escalation rate', DENIAL_RATE: 'denial rate', COST_PER_TASK: 'cost per task' }[metric] || metric;
}

function points(value) {
  const n = Number(value) * 100;
  return `${n > 0 ? '+' : ''}${n.toLocaleString(undefined, { maximumFractionDigits: 1 })} pts`;
}

function relative(value) {
  const n = Number(value) * 100;
  return `${n > 0 ? '+' : ''}${n.toLocaleString(undefined, { maximumFractionDigits: 1 })} %`;
}

function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  const n = Number(ms);
  if (n < 1000) return `${Math.round(n)} ms`;
  if (n < 60000) return `${number(n / 1000, 1)} s`;
  if (n < 3600000) return `${number(n / 60000, 1)} min`;
  return `${number(n / 3600000, 1)} h`;
}
