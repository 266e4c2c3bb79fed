// Escalation queue: filters, SLA timers, claim / release, and resolve: execute as suggested, execute with
// edited arguments (the decision path's verdict on the edit shown as you type), reject, return with guidance.
import { all, get, post, ApiError } from '../api.js';
import { h, replace, relative, heading, badge, empty, toast } from '../dom.js';
import { contextPack, executionSummary } from '../context.js';

export const title = 'Escalations';

const STATUSES = ['OPEN', 'CLAIMED', 'RESOLVED', 'ALL'];
const SOURCES = ['', 'ESCALATE_DECISION', 'BUDGET_EXHAUSTED', 'EXECUTION_FAILED', 'OUTCOME_UNKNOWN', 'APPROVAL_EXPIRED', 'LOW_CONFIDENCE'];

export async function render({ main, me }, [id]) {
  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  const status = query.get('status') || 'OPEN';
  const source = query.get('source') || '';
  const mine = query.get('assignee') === 'me';
  const params = new URLSearchParams();
  if (status !== 'OPEN' || !id) params.set('status', status);
  if (source) params.set('source', source);
  if (mine) params.set('assignee', me.subject);
  const items = await all(`/v1/escalations?${params}`);
  const list = h('div', { class: 'panel', id: 'escalation-list' });
  const detail = h('section', { class: 'panel', id: 'escalation-detail', 'aria-label': 'Selected escalation' });
  const refilter = changes => {
    const next = new URLSearchParams({ status, ...(source ? { source } : {}), ...(mine ? { assignee: 'me' } : {}), ...changes });
    for (const [k, v] of [...next]) if (!v) next.delete(k);
    location.hash = `#/escalations?${next}`;
  };
  replace(main,
    heading('Escalation queue', h('span', { class: 'muted' }, `${items.length} item(s)`)),
    h('div', { class: 'filters' },
      h('label', { for: 'esc-status' }, 'Status', h('select', { id: 'esc-status', onchange: e => refilter({ status: e.target.value }) },
        STATUSES.map(s => h('option', { value: s, selected: s === status }, s)))),
      h('label', { for: 'esc-source' }, 'Source', h('select', { id: 'esc-source', onchange: e => refilter({ source: e.target.value }) },
        SOURCES.map(s => h('option', { value: s, selected: s === source }, s || 'any')))),
      h('label', { class: 'choice', for: 'esc-mine' }, h('input', { id: 'esc-mine', type: 'checkbox', checked: mine,
        onchange: e => refilter({ assignee: e.target.checked ? 'me' : '' }) }), 'Claimed by me')),
    h('div', { class: 'split' }, list, detail));
  if (items.length === 0) {
    replace(list, empty('The queue is empty for these filters.'));
  } else {
    const now = Date.now();
    replace(list, h('table', {},
      h('thead', {}, h('tr', {}, ['Due', 'Action', 'Source', 'Why', 'Status'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, items.map(e => h('tr', { class: 'selectable', 'data-id': e.id, 'aria-selected': String(e.id === id) },
        h('td', { class: e.status !== 'RESOLVED' && new Date(e.dueAt).getTime() < now ? 'due overdue' : 'due' }, relative(e.dueAt, now)),
        h('td', {}, h('a', { href: `#/escalations/${encodeURIComponent(e.id)}` }, `${e.tool}:${e.action}`)),
        h('td', {}, e.source),
        h('td', {}, e.why),
        h('td', {}, badge(e.status), e.assignee ? ` ${e.assignee}` : ''))))));
  }
  if (id) await drawDetail(detail, id, me);
  else replace(detail, empty('Select an item to see its context.'));
}

async function drawDetail(detail, id, me) {
  const item = await get(`/v1/escalations/${encodeURIComponent(id)}`);
  const message = h('div', { role: 'alert', class: 'error' });
  const fail = error => replace(message, ...(error instanceof ApiError ? error.lines() : [error.message]).map(l => h('p', {}, l)));
  const reload = () => drawDetail(detail, id, me);
  const act = (path, body, done) => async () => {
    try {
      const answer = await post(`/v1/escalations/${encodeURIComponent(id)}/${path}`, body?.());
      toast(done(answer));
      await reload();
    } catch (error) {
      fail(error);
    }
  };
  const mineNow = item.status === 'CLAIMED' && item.assignee === me.subject;
  const controls = [];
  if (item.status === 'OPEN') {
    controls.push(h('button', { type: 'button', id: 'claim', onclick: act('claim', null, () => 'Claimed: it is yours') }, 'Claim'));
  }
  if (item.status === 'CLAIMED') {
    controls.push(h('button', { type: 'button', id: 'release', class: 'secondary',
      onclick: act('release', () => ({ reason: reason.value || undefined }), () => 'Released to the queue') }, 'Release'));
  }
  const reason = h('textarea', { id: 'resolve-reason', rows: 2, maxlength: 2000, placeholder: 'Reason or guidance (kept in the audit)' });
  const original = item.context?.arguments || {};
  const editor = h('textarea', { id: 'edited-arguments', rows: 8, spellcheck: 'false', 'aria-describedby': 'edit-verdict' },
    JSON.stringify(original, null, 2));
  const verdict = h('div', { id: 'edit-verdict', 'aria-live': 'polite' }, 'Edit the arguments to see what the policy decides.');
  let timer;
  editor.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => recheck(id, editor.value, verdict), 300);
  });
  const resolveWith = (resolution, withArguments) => act('resolve', () => {
    const body = { resolution, reason: reason.value || undefined };
    if (withArguments) body.arguments = JSON.parse(editor.value);
    return body;
  }, answer => `Resolved: ${answer.resolution?.resolution || resolution}${answer.newEnvelope ? `, new decision ${answer.newEnvelope.decision}` : ''}${answer.execution ? `, execution ${answer.execution.status}` : ''}`);
  replace(detail,
    h('h2', {}, `${item.tool}:${item.action}`, ' ', badge(item.status)),
    h('p', {}, `Source ${item.source} · due `, h('span', { class: item.status !== 'RESOLVED' && new Date(item.dueAt) < new Date() ? 'overdue' : '' },
      relative(item.dueAt)), ` · SLA ${item.slaClass}`, item.assignee ? ` · claimed by ${item.assignee}` : ''),
    h('p', {}, h('strong', {}, 'Why: '), item.why),
    item.suggestion ? h('p', { class: 'suggestion' }, h('strong', {}, 'Suggested: '), item.suggestion.resolution,
      item.suggestion.reason ? ` — ${item.suggestion.reason}` : '') : null,
    item.resolution ? h('p', {}, h('strong', {}, 'Resolution: '), `${item.resolution.resolution} by ${item.resolution.by}`,
      item.resolution.reason ? `: ${item.resolution.reason}` : '',
      item.resolution.newEnvelopeId ? [' · ', h('a', { href: `#/explain/${encodeURIComponent(item.resolution.newEnvelopeId)}` }, 'the new decision')] : '') : null,
    executionSummary(item.execution),
    h('div', { class: 'actions' }, controls, h('a', { href: `#/explain/${encodeURIComponent(item.envelopeId)}` }, 'Explain the decision')),
    mineNow ? h('fieldset', {}, h('legend', {}, 'Resolve'),
      h('label', { for: 'resolve-reason' }, 'Reason or guidance'), reason,
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'resolve-execute', onclick: resolveWith('EXECUTE', false) }, 'Execute as suggested'),
        h('button', { type: 'button', id: 'resolve-reject', class: 'danger', onclick: resolveWith('REJECT', false) }, 'Reject'),
        h('button', { type: 'button', id: 'resolve-return', class: 'secondary', onclick: resolveWith('RETURN_TO_AGENT', false) }, 'Return to the agent')),
      h('label', { for: 'edited-arguments' }, 'Edited arguments (JSON)'), editor, verdict,
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'resolve-edited', onclick: resolveWith('EXECUTE_EDITED', true) }, 'Execute with these arguments'))) : null,
    message,
    contextPack(item.context));
}

async function recheck(id, text, target) {
  let args;
  try {
    args = JSON.parse(text);
    if (!args || typeof args !== 'object' || Array.isArray(args)) throw new Error('the arguments are a JSON object');
  } catch (error) {
    replace(target, h('p', { class: 'error' }, `Not valid JSON: ${error.message}`));
    return;
  }
  try {
    const answer = await post(`/v1/escalations/${encodeURIComponent(id)}/check`, { arguments: args });
    replace(target, h('p', {}, 'Policy re-check: ', badge(answer.decision), ' ',
      answer.wouldResolve ? 'this edit can be executed.' : 'this edit would be refused.'),
    answer.reasons.length ? h('ul', {}, answer.reasons.map(r => h('li', {}, r))) : null);
  } catch (error) {
    replace(target, h('p', { class: 'error' }, ...(error instanceof ApiError ? error.lines() : [error.message])));
  }
}
