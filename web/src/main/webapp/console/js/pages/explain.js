// Explain: the decision path of one envelope step by step, its rules and policy version, the approvals and
// escalations that followed, every execution attempt, the cost and the trace; exported as JSON, as a
// self-contained HTML page, or printed (and saved as PDF from the print dialog).
import { get, ApiError } from '../api.js';
import { h, replace, heading, badge, dateTime, number, download } from '../dom.js';

export const title = 'Explain';

export async function render({ main }, [id]) {
  if (!id) {
    renderSearch(main);
    return;
  }
  const explained = await get(`/v1/envelopes/${encodeURIComponent(id)}/explain`);
  const e = explained.explanation || {};
  const traceBox = h('div', { id: 'trace' });
  const article = h('article', { class: 'panel', id: 'explain' },
    h('h2', {}, `${explained.tool}:${explained.action} `, badge(explained.decision)),
    h('table', { class: 'kv' }, h('tbody', {},
      row('Envelope', explained.envelopeId), row('Agent', h('a', { href: `#/agents/${encodeURIComponent(explained.agentId)}` }, explained.agentId)),
      row('Task', `${explained.taskId} (${explained.taskType})`), row('Risk class', explained.riskClass), row('Tier', explained.tier),
      row('Decided at', dateTime(explained.decidedAt)), row('Policy version', explained.policyVersion),
      row('Cost', number(explained.cost)), row('Trace', explained.traceId))),
    section('Reasons', (e.reasons || explained.reasons || []).length
      ? h('ul', {}, (e.reasons || explained.reasons).map(r => h('li', {}, r))) : h('p', { class: 'empty' }, 'No reasons recorded.')),
    e.onBehalfOf ? section('On behalf of', h('p', {}, `${e.onBehalfOf.subject} (${e.onBehalfOf.proven ? 'proven with their token' : 'asserted by the agent'})`)) : null,
    section('Decision path, step by step', h('ol', { class: 'steps' }, (e.steps || []).map(step =>
      h('li', { class: String(step.outcome).toLowerCase() }, h('strong', {}, step.check), ': ', step.outcome, step.detail ? ` — ${step.detail}` : '')))),
    e.facts ? section('Facts the rules saw', factsTable(e.facts)) : null,
    await rulesSection(e),
    e.budgetRemaining ? section('Budget left after the decision', h('pre', {}, JSON.stringify(e.budgetRemaining, null, 2))) : null,
    explained.approval ? section('Approval', approvalPart(explained.approval)) : null,
    (explained.escalations || []).length ? section('Escalations', h('ul', {}, explained.escalations.map(x =>
      h('li', {}, `${x.source}: `, badge(x.status), x.resolution ? ` ${x.resolution.resolution} by ${x.resolution.by}${x.resolution.reason ? ` (${x.resolution.reason})` : ''}` : '', ' ',
        h('a', { href: `#/escalations/${encodeURIComponent(x.id)}` }, 'open'))))) : null,
    explained.execution ? section('Execution', executionPart(explained.execution)) : section('Execution', h('p', { class: 'empty' }, 'Nothing executed.')),
    traceBox);
  replace(main,
    heading('Explain'),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'export-json', onclick: () => download(`explain-${id}.json`, 'application/json', JSON.stringify(explained, null, 2)) }, 'Export JSON'),
      h('button', { type: 'button', id: 'export-html', class: 'secondary', onclick: () => exportHtml(id, article) }, 'Export HTML'),
      h('button', { type: 'button', id: 'print', class: 'secondary', onclick: () => window.print() }, 'Print or save as PDF'),
      h('button', { type: 'button', id: 'show-trace', class: 'secondary', onclick: () => showTrace(explained.traceId, traceBox) }, 'Show the trace')),
    article);
}

function renderSearch(main) {
  const input = h('input', { id: 'envelope-id', required: true, maxlength: 36, pattern: '[0-9a-fA-F-]{36}', autocomplete: 'off' });
  replace(main, heading('Explain a decision'),
    h('form', { class: 'panel', onsubmit: event => { event.preventDefault(); location.hash = `#/explain/${encodeURIComponent(input.value.trim())}`; } },
      h('label', { for: 'envelope-id' }, 'Envelope id'), input,
      h('p', { class: 'note' }, 'Every approval, escalation and authority card links here too.'),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Explain'))));
}

function row(label, value) {
  return h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, value ?? '—'));
}

function section(name, ...content) {
  return h('section', {}, h('h3', {}, name), ...content);
}

function factsTable(facts) {
  return h('table', { class: 'kv' }, h('tbody', {}, Object.entries(facts).map(([k, v]) =>
    row(k, typeof v === 'object' ? JSON.stringify(v) : String(v)))));
}

/** Each fired rule as it stood when the envelope was decided: its last version at or before that policy version. */
async function rulesSection(e) {
  const ids = e.ruleIds || [];
  if (ids.length === 0) return section('Rules', h('p', { class: 'empty' }, 'No policy rule fired.'));
  const decidedAt = Number(e.policyVersion);
  const rows = await Promise.all(ids.map(async id => {
    const versions = await get(`/v1/policies/rules/${encodeURIComponent(id)}/versions`).catch(() => []);
    const inForce = versions.filter(v => Number(v.policyVersion) <= decidedAt).sort((a, b) => b.version - a.version)[0];
    return h('tr', {}, h('td', {}, id), h('td', { class: 'num' }, inForce ? inForce.version : '—'),
      h('td', {}, inForce ? badge(inForce.effect) : '—'), h('td', {}, inForce ? inForce.name : 'not readable'),
      h('td', {}, inForce ? inForce.reason || '' : ''));
  }));
  return section(`Rules that fired (policy version ${e.policyVersion})`, h('table', {},
    h('thead', {}, h('tr', {}, ['Rule', 'Version', 'Effect', 'Name', 'Reason'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows)));
}

function approvalPart(a) {
  return h('div', {}, h('p', {}, badge(a.status), ` ${a.approvals} of ${a.requiredApprovals} approvals · roles ${(a.approverRoles || []).join(', ')}`),
    h('ul', {}, (a.votes || []).map(v => h('li', {}, `${v.vote} by ${v.by} (${v.role}) at ${dateTime(v.at)}`, v.reason ? `: ${v.reason}` : ''))));
}

function executionPart(x) {
  return h('div', {}, h('p', {}, badge(x.status), ` ${x.attempts} attempt(s) · cost ${number(x.cost)} · tool time ${number(x.toolMillis, 0)} ms · idempotency key ${x.idempotencyKey}`),
    (x.attemptLog || []).length ? h('table', {}, h('thead', {}, h('tr', {}, ['#', 'Kind', 'Started', 'ms', 'Outcome', 'HTTP', 'Detail'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, x.attemptLog.map(a => h('tr', {}, h('td', {}, a.number), h('td', {}, a.kind), h('td', {}, dateTime(a.startedAt)),
        h('td', { class: 'num' }, a.millis), h('td', {}, badge(a.outcome)), h('td', {}, a.httpStatus ?? ''), h('td', {}, a.detail ?? ''))))) : null);
}

async function showTrace(traceId, box) {
  try {
    const trace = await get(`/v1/traces/${encodeURIComponent(traceId)}`);
    replace(box, section(`Trace ${trace.traceId}`,
      h('p', {}, `${(trace.envelopes || []).length} envelope(s) · ${(trace.callbacks || []).length} callback(s) · ${(trace.audit || []).length} audit record(s)${trace.auditTruncated ? ' (more in the audit)' : ''}`),
      h('table', {}, h('thead', {}, h('tr', {}, ['When', 'Action', 'Outcome', 'Actor', 'Chain · sequence'].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, (trace.audit || []).map(r => h('tr', {}, h('td', {}, dateTime(r.timestamp)),
          h('td', {}, r.action), h('td', {}, r.outcome || ''), h('td', {}, r.actor || ''), h('td', { class: 'num' }, `${r.chain} · ${r.sequence}`)))))));
  } catch (error) {
    replace(box, h('p', { class: 'error', role: 'alert' }, ...(error instanceof ApiError ? error.lines() : [error.message])));
  }
}

async function exportHtml(id, article) {
  const css = await (await fetch('/console/console.css')).text();
  const name = h('span', {}, id).innerHTML;
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Explain ${name}</title>`
    + `<style>${css.replace(/<\//g, '<\\/')}</style></head><body><main><h1>Explain ${name}</h1>${article.outerHTML}`
    + `<p class="note">Exported ${new Date().toISOString()} from the Mandate console.</p></main></body></html>`;
  download(`explain-${id}.html`, 'text/html', page);
}

