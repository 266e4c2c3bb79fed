// Launch readiness: per workflow, whether every launch criterion is met, each with its evidence and where to
// look; exported as the server's printable HTML report, or printed from here.
import { api, get, ApiError } from '../api.js';
import { h, replace, heading, badge, dateTime, download, toast, scrollRegion } from '../dom.js';

export const title = 'Launch readiness';

const REPORT = '/v1/reports/readiness';

export async function render({ main, me }, [workflowKey]) {
  const path = workflowKey ? `${REPORT}/${encodeURIComponent(workflowKey)}` : REPORT;
  let items;
  try {
    const answer = await get(path);
    items = workflowKey ? [answer] : answer.items || [];
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    replace(main, heading(title), unavailable(error, workflowKey));
    return;
  }
  const file = `readiness-${workflowKey || me.tenant}.html`;
  const exportReport = async event => {
    event.target.disabled = true;
    try {
      download(file, 'text/html', await api(`${path}?format=html&download=true`, { accept: 'text/html' }));
      toast(`Report downloaded as ${file}.`);
    } catch (error) {
      toast(error instanceof ApiError ? error.lines().join(' ') : error.message);
    } finally {
      event.target.disabled = false;
    }
  };
  const ready = items.filter(w => w.ready).length;
  replace(main,
    heading(workflowKey ? `Launch readiness: ${items[0].name}` : title,
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'export-report', onclick: exportReport }, 'Export report'),
        h('button', { type: 'button', id: 'print-report', class: 'secondary', onclick: () => window.print() }, 'Print'))),
    workflowKey ? h('p', {}, h('a', { href: '#/readiness' }, 'Every workflow'))
      : h('p', { class: 'lead' }, `${ready} of ${items.length} workflow(s) ready to launch in tenant ${me.tenant}.`),
    items.length === 0 ? h('p', { class: 'empty' }, 'The tenant has no workflows yet.') : items.map(w => workflow(w, !workflowKey)));
}

function unavailable(error, workflowKey) {
  return h('div', { class: 'problem', role: 'alert' },
    h('h2', {}, workflowKey ? `No readiness report for workflow “${workflowKey}”` : 'The launch-readiness report is not available'),
    h('p', {}, workflowKey
      ? 'The tenant has no such workflow, or this server does not offer the readiness report yet (HTTP 404).'
      : 'This server does not offer the readiness report (GET /api/v1/reports/readiness answered HTTP 404): it needs a Mandate version with launch readiness.'),
    error.lines().map(line => h('p', {}, `The server said: ${line}`)));
}

function workflow(w, linked) {
  const met = w.criteria.filter(c => c.status === 'MET').length;
  const id = `workflow-${w.workflow}`;
  return h('section', { class: `panel readiness ${w.ready ? 'is-ready' : 'not-ready'}`, 'aria-labelledby': id },
    h('h2', { id }, linked ? h('a', { href: `#/readiness/${encodeURIComponent(w.workflow)}` }, w.name) : w.name,
      ' ', h('span', { class: 'muted' }, w.workflow), ' ', badge(w.ready ? 'READY' : 'NOT READY', w.ready ? 'ok' : 'bad')),
    h('p', {}, `${met} of ${w.criteria.length} criteria met · evaluated ${dateTime(w.evaluatedAt)}`),
    scrollRegion(`Criteria of ${w.name}`,
      h('table', { class: 'criteria' },
        h('caption', {}, `Launch criteria of ${w.name}`),
        h('thead', {}, h('tr', {}, ['Criterion', 'Status', 'Evidence', 'Where to look'].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, w.criteria.map(c => h('tr', { class: c.status === 'MET' ? 'met' : 'not-met' },
          h('th', { scope: 'row' }, c.title, h('br'), h('span', { class: 'muted code' }, c.criterion)),
          h('td', {}, badge(c.status === 'MET' ? 'MET' : 'NOT MET', c.status === 'MET' ? 'met' : 'not_met')),
          h('td', {}, h('p', { class: 'evidence' }, c.evidence), details(c.details)),
          h('td', {}, where(c.link))))))));
}

/** The API's link as the console page showing the same thing, where there is one; else the API path as text. */
function where(link) {
  if (!link) return '—';
  const [path, query = ''] = link.split('?');
  const parts = path.replace(/^\/api\/v1\//, '').split('/');
  const params = new URLSearchParams(query);
  let page = null;
  if (parts[0] === 'evals') page = parts[1] === 'gates' && parts[2] ? `#/evals/gates/${parts[2]}` : parts[1] === 'runs' && parts[2] ? `#/evals/runs/${parts[2]}` : '#/evals';
  else if (parts[0] === 'reports' && parts[1] === 'rollups') {
    const filter = new URLSearchParams([...params].filter(([k]) => ['from', 'to', 'taskType'].includes(k)));
    page = `#/dashboards${String(filter) ? `?${filter}` : ''}`;
  } else if (parts[0] === 'agents' && parts[1]) page = `#/agents/${parts[1]}`;
  else if (parts[0] === 'approvals') page = '#/approvals';
  else if (parts[0] === 'escalations') page = '#/escalations';
  else if (parts[0] === 'kill-switches') page = '#/kill-switches';
  return page ? h('a', { href: page }, pageName(page)) : h('code', { class: 'api-link' }, link);
}

function pageName(page) {
  if (page.startsWith('#/evals/gates/')) return 'The gate decision';
  if (page.startsWith('#/evals/runs/')) return 'The eval run';
  if (page.startsWith('#/evals')) return 'Evals';
  if (page.startsWith('#/dashboards')) return 'Dashboards';
  if (page.startsWith('#/agents/')) return 'The agent’s authority card';
  return page.slice(2).replace(/^./, c => c.toUpperCase()).replace('-', ' ');
}

/** The criterion's figures, one line per member; nested values in brief. */
function details(value) {
  const entries = Object.entries(value || {});
  if (entries.length === 0) return null;
  return h('dl', { class: 'details' }, entries.flatMap(([key, v]) => [h('dt', {}, words(key)), h('dd', {}, brief(v))]));
}

function brief(value) {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(brief).join('; ');
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${words(k)}: ${brief(v)}`).join(', ');
  return String(value);
}

function words(key) {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
