// Evals: the runs of agent versions over eval datasets, the release gate's decisions with their statistics,
// and per run the cases it got wrong.
import { get, all, allByOffset } from '../api.js';
import { h, replace, heading, badge, number, percent, dateTime, empty, scrollRegion } from '../dom.js';
import { barChart } from '../charts.js';

export const title = 'Evals';

const MAX_RESULTS = 5000;

export async function render({ main }, [kind, id]) {
  if (kind === 'runs' && id) return renderRun(main, id);
  if (kind === 'gates' && id) return renderGate(main, id);
  const [runs, gates, names] = await Promise.all([allByOffset('/v1/evals/runs', 200), allByOffset('/v1/evals/gates', 200), agentNames()]);
  replace(main,
    heading('Evals', h('span', { class: 'muted' }, `${runs.items.length} run(s) · ${gates.items.length} gate decision(s)`)),
    h('section', { 'aria-labelledby': 'gates-title' },
      h('h2', { id: 'gates-title' }, 'Release gate decisions'),
      more(gates),
      gates.items.length === 0 ? empty('No gate decided yet: an administrator compares a candidate run with the current version’s run (POST /api/v1/evals/gates).')
        : scrollRegion('Release gate decisions', h('table', { id: 'gates', class: 'figures wide-last' },
          h('caption', {}, 'Release gate decisions, newest first'),
          h('thead', {}, h('tr', {}, ['Decided', 'Verdict', 'Candidate', 'Current', 'Success drop', 'p-value (one-sided)', 'Paired cases', 'Why']
            .map((t, i) => h('th', { scope: 'col', class: i >= 4 && i <= 6 ? 'num' : '' }, t)))),
          h('tbody', {}, gates.items.map(g => {
            const f = g.figures || {};
            return h('tr', {},
              h('th', { scope: 'row' }, h('a', { href: `#/evals/gates/${encodeURIComponent(g.id)}` }, dateTime(g.createdAt))),
              h('td', {}, badge(g.verdict)),
              h('td', {}, versionOf(f.candidate, g.candidateRun)), h('td', {}, versionOf(f.current, g.currentRun)),
              h('td', { class: 'num' }, pts(f.successDropPoints), h('br'), h('span', { class: 'muted' }, `threshold ${pts(f.thresholdPoints)}`)),
              h('td', { class: 'num' }, pValue(f.pValue), h('br'), h('span', { class: 'muted' }, `α ${f.alpha ?? '—'}`)),
              h('td', { class: 'num' }, number(f.pairedCases, 0), h('br'), h('span', { class: 'muted' }, enough(f))),
              h('td', {}, f.reason || ''));
          }))))),
    h('section', { 'aria-labelledby': 'runs-title' },
      h('h2', { id: 'runs-title' }, 'Eval runs'),
      more(runs),
      runs.items.length === 0 ? empty('No eval run yet: an administrator replays a dataset version as an agent version (POST /api/v1/evals/runs).')
        : scrollRegion('Eval runs', h('table', { id: 'runs', class: 'figures' },
          h('caption', {}, 'Eval runs, newest first'),
          h('thead', {}, h('tr', {}, ['Started', 'Status', 'Agent version', 'Dataset', 'Cases', 'Success', 'Escalation', 'Policy compliant', 'Tool correct', 'Cost per case']
            .map((t, i) => h('th', { scope: 'col', class: i >= 4 ? 'num' : '' }, t)))),
          h('tbody', {}, runs.items.map(r => {
            const f = r.figures || {};
            return h('tr', {},
              h('th', { scope: 'row' }, h('a', { href: `#/evals/runs/${encodeURIComponent(r.id)}` }, dateTime(r.createdAt))),
              h('td', {}, badge(r.status)),
              h('td', {}, agentVersion(names, r.agentId, r.agentVersion)),
              h('td', {}, `${r.dataset} v${r.datasetVersion}`),
              h('td', { class: 'num' }, number(f.cases, 0)),
              ...['successRate', 'escalationRate', 'complianceRate', 'toolCorrectRate'].map(k => h('td', { class: 'num' }, percent(f[k]))),
              h('td', { class: 'num' }, number(f.costPerCase, 4)));
          }))))));
}

async function renderRun(main, id) {
  const [run, names] = await Promise.all([get(`/v1/evals/runs/${encodeURIComponent(id)}`), agentNames()]);
  const f = run.figures;
  const results = run.status === 'COMPLETED' || f ? await allByOffset(`/v1/evals/runs/${encodeURIComponent(id)}/results`, MAX_RESULTS) : { items: [], total: 0 };
  const list = h('div', { id: 'case-results' });
  const showAll = h('input', { type: 'checkbox', id: 'show-all-cases', onchange: e => drawCases(list, results.items, e.target.checked) });
  const failures = results.items.filter(c => !c.success);
  const byKind = [...new Set(failures.map(c => c.kind))].sort().map(kind => ({ label: kind, value: failures.filter(c => c.kind === kind).length }));
  replace(main,
    heading([`Eval run: ${run.agentVersion} on ${run.dataset} v${run.datasetVersion} `, badge(run.status)]),
    h('p', {}, h('a', { href: '#/evals' }, 'All runs and gates')),
    h('section', { class: 'panel' },
      h('table', { class: 'kv' }, h('caption', {}, 'The run'), h('tbody', {},
        row('Run', run.id), row('Agent', agentVersion(names, run.agentId, run.agentVersion)),
        row('Dataset', `${run.dataset}, version ${run.datasetVersion}`), row('Policy version', run.policyVersion),
        row('Configuration generation', run.configGeneration), row('Started by', run.createdBy),
        row('Started', dateTime(run.createdAt)), row('Finished', run.finishedAt ? dateTime(run.finishedAt) : 'not yet'))),
      f ? h('table', { class: 'kv', id: 'run-figures' }, h('caption', {}, 'Scores'), h('tbody', {},
        row('Cases', number(f.cases, 0)), row('Succeeded', `${number(f.succeeded, 0)} (${percent(f.successRate)})`),
        row('Escalated', `${number(f.escalated, 0)} (${percent(f.escalationRate)})`),
        row('Policy compliant', `${number(f.compliant, 0)} (${percent(f.complianceRate)})`),
        row('Tool correct', `${number(f.toolCorrect, 0)} (${percent(f.toolCorrectRate)})`),
        row('Cases that failed to run', number(f.failed, 0)), row('Cost', `${number(f.cost, 4)} (${number(f.costPerCase, 4)} per case)`)))
        : h('p', { class: 'note' }, 'Scores appear once the run has completed. ',
          h('button', { type: 'button', class: 'secondary', onclick: () => renderRun(main, id) }, 'Refresh'))),
    h('section', { 'aria-labelledby': 'cases-title' },
      h('h2', { id: 'cases-title' }, `Cases it got wrong: ${failures.length} of ${results.total}`),
      results.total > results.items.length ? h('p', { class: 'note' }, `Showing the first ${results.items.length} of ${results.total} cases.`) : null,
      byKind.length > 1 ? barChart({ title: 'Cases it got wrong, by kind', bars: byKind, format: v => number(v, 0) }) : null,
      h('label', { class: 'choice', for: 'show-all-cases' }, showAll, 'Show every case, not only those it got wrong'),
      list));
  drawCases(list, results.items, false);
}

function drawCases(box, cases, all) {
  const shown = all ? cases : cases.filter(c => !c.success);
  if (shown.length === 0) {
    replace(box, empty(cases.length ? 'It got every case right.' : 'No case results yet.'));
    return;
  }
  replace(box, scrollRegion('Case results', h('table', { id: 'cases', class: 'wide-last' },
    h('caption', {}, all ? 'Every case, in order' : 'Cases it got wrong, in order'),
    h('thead', {}, h('tr', {}, ['#', 'Case', 'Kind', 'Expected', 'Decided', 'Result', 'Tool', 'Policy', 'Cost', 'Why']
      .map((t, i) => h('th', { scope: 'col', class: i === 0 || i === 8 ? 'num' : '' }, t)))),
    h('tbody', {}, shown.map(c => h('tr', {},
      h('td', { class: 'num' }, c.seq), h('th', { scope: 'row' }, c.key), h('td', {}, c.kind),
      h('td', {}, c.expectedDecision), h('td', {}, c.decision ? badge(c.decision) : '—'),
      h('td', {}, c.success ? badge('Right', 'ok') : badge('Wrong', 'bad')),
      h('td', {}, c.toolCorrect ? 'correct' : 'wrong'), h('td', {}, c.compliant ? 'compliant' : 'not compliant'),
      h('td', { class: 'num' }, number(c.cost, 4)),
      h('td', {}, c.error ? h('span', { class: 'error' }, `Error: ${c.error}`) : null, c.error && c.reasons ? ' ' : null, c.reasons || '')))))));
}

async function renderGate(main, id) {
  const gate = await get(`/v1/evals/gates/${encodeURIComponent(id)}`);
  const f = gate.figures || {};
  const sides = [['Current', f.current || {}], ['Candidate', f.candidate || {}]];
  const rates = [['successRate', 'Success'], ['escalationRate', 'Escalation'], ['complianceRate', 'Policy compliant'], ['toolCorrectRate', 'Tool correct']];
  replace(main,
    heading(['Release gate decision ', h('span', { class: 'verdict' }, badge(gate.verdict))]),
    h('p', {}, h('a', { href: '#/evals' }, 'All runs and gates')),
    h('section', { class: 'panel' },
      h('p', { class: 'lead' }, h('strong', {}, gate.verdict === 'BLOCK' ? 'Blocked: ' : 'Passed: '), f.reason || ''),
      h('table', { class: 'kv', id: 'gate-statistics' }, h('caption', {}, 'Statistics'), h('tbody', {},
        row('Success drop', `${pts(f.successDropPoints)} (BLOCK beyond ${pts(f.thresholdPoints)} when significant)`),
        row('Paired cases', number(f.pairedCases, 0)),
        row('Candidate worse / better (discordant pairs)', `${number(f.candidateWorse, 0)} / ${number(f.candidateBetter, 0)}`),
        row('p-value, one-sided (is the candidate worse?)', `${pValue(f.pValue)} against α = ${f.alpha ?? '—'}: ${Number(f.pValue) < Number(f.alpha) ? 'significant' : 'not significant'}`),
        row('p-value, two-sided', pValue(f.pValueTwoSided)),
        row('Minimum dataset size', `${number(f.minimumCases, 0)} paired cases are needed to detect a drop of ${pts(f.thresholdPoints)}; `
          + `this gate had ${number(f.pairedCases, 0)}: ${f.pairedCases >= f.minimumCases ? 'enough' : 'too few to tell'}`),
        row('Test', f.test), row('Assumptions', f.assumptions),
        row('Decided', `${dateTime(gate.createdAt)} by ${gate.createdBy}`)))),
    h('section', { 'aria-labelledby': 'compare-title' },
      h('h2', { id: 'compare-title' }, 'Current against candidate'),
      scrollRegion('Runs compared', h('table', { id: 'gate-runs', class: 'compare' },
        h('caption', {}, 'The two runs, case by case on the same dataset version'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Figure'), sides.map(([name]) => h('th', { scope: 'col', class: 'num' }, name)))),
        h('tbody', {},
          h('tr', {}, h('th', { scope: 'row' }, 'Run'), sides.map(([, s]) => h('td', { class: 'num' },
            s.run ? h('a', { href: `#/evals/runs/${encodeURIComponent(s.run)}` }, `${s.agentVersion} run`) : '—'))),
          h('tr', {}, h('th', { scope: 'row' }, 'Dataset'), sides.map(([, s]) => h('td', { class: 'num' }, `${s.dataset} v${s.datasetVersion}`))),
          h('tr', {}, h('th', { scope: 'row' }, 'Policy version'), sides.map(([, s]) => h('td', { class: 'num' }, s.policyVersion || '—'))),
          h('tr', {}, h('th', { scope: 'row' }, 'Cases (succeeded)'), sides.map(([, s]) => h('td', { class: 'num' }, `${number(s.cases, 0)} (${number(s.succeeded, 0)})`))),
          rates.map(([k, name]) => h('tr', {}, h('th', { scope: 'row' }, `${name} rate`), sides.map(([, s]) => h('td', { class: 'num' }, percent(s[k]))))),
          h('tr', {}, h('th', { scope: 'row' }, 'Cases that failed to run'), sides.map(([, s]) => h('td', { class: 'num' }, number(s.failed, 0)))),
          h('tr', {}, h('th', { scope: 'row' }, 'Cost per case'), sides.map(([, s]) => h('td', { class: 'num' }, number(s.costPerCase, 4))))))),
      h('div', { class: 'chart-grid' }, barChart({
        title: 'Rates of the current and the candidate version', format: percent,
        bars: rates.flatMap(([k, name]) => sides.map(([side, s]) => ({ label: `${name} ${s.agentVersion || ''} (${side.toLowerCase()})`, value: Number(s[k]) }))),
      }))));
}


function more(page) {
  return page.total > page.items.length ? h('p', { class: 'note' }, `Showing the newest ${page.items.length} of ${page.total}.`) : null;
}

function row(label, value) {
  return h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, value ?? '—'));
}

/** Agents' names by id, for people; a run names its agent by id only. */
async function agentNames() {
  return new Map((await all('/v1/agents')).map(a => [a.id, a.name]));
}

function agentVersion(names, agentId, version) {
  return h('span', {}, h('a', { href: `#/agents/${encodeURIComponent(agentId)}` }, names.get(agentId) || agentId), ` ${version}`);
}

function versionOf(side, runId) {
  return h('a', { href: `#/evals/runs/${encodeURIComponent(runId)}` }, side?.agentVersion || 'run');
}

function enough(f) {
  if (f.minimumCases === undefined) return '';
  return f.pairedCases >= f.minimumCases ? `enough (≥ ${number(f.minimumCases, 0)})` : `too few (needs ${number(f.minimumCases, 0)})`;
}

function pts(value) {
  return value === undefined || value === null ? '—' : `${number(value, 2)} points`;
}

function pValue(value) {
  if (value === undefined || value === null) return '—';
  const n = Number(value);
  return n !== 0 && n < 0.001 ? n.toExponential(2) : number(n, 4);
}

