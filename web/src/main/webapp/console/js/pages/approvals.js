// Approvals inbox: what waits for me, soonest due first; the context pack beside it; approve or reject with a
// reason. Keyboard-first: j/k or the arrow keys move, a approves, r rejects, / filters.
import { all, get, post, ApiError } from '../api.js';
import { h, replace, relative, heading, badge, empty, toast } from '../dom.js';
import { contextPack, executionSummary } from '../context.js';

export const title = 'Approvals';

let keys = null;

export async function render({ main, me }, [id]) {
  // shown: the id whose detail is drawn or loading; ticket: the latest selection (older answers are dropped)
  const state = { items: [], selected: 0, filter: '', list: null, detail: null, shown: null, ticket: 0 };
  const status = new URLSearchParams(location.hash.split('?')[1] || '').get('status') || 'PENDING';
  const started = performance.now();
  state.items = await all(`/v1/approvals?status=${encodeURIComponent(status)}`);
  const filterBox = h('input', { id: 'approval-filter', type: 'search', placeholder: 'agent, tool, task type, risk…',
    oninput: event => { state.filter = event.target.value.toLowerCase(); drawList(state); } });
  state.list = h('div', { class: 'panel', id: 'approval-list' });
  state.detail = h('section', { class: 'panel', id: 'approval-detail', 'aria-live': 'polite', 'aria-label': 'Selected approval' });
  replace(main,
    heading(`Approvals ${status === 'PENDING' ? 'waiting' : status.toLowerCase()}`,
      h('span', { class: 'muted', id: 'approval-count' }, `${state.items.length} item(s)`)),
    h('p', { class: 'note' }, me.groups.includes('mandate-approver')
      ? 'Requests your approver roles may decide, soonest due first.' : 'All of the tenant’s requests, soonest due first.',
    ' Keys: ', h('span', { class: 'kbd' }, 'j'), '/', h('span', { class: 'kbd' }, 'k'), ' move, ',
    h('span', { class: 'kbd' }, 'a'), ' approve, ', h('span', { class: 'kbd' }, 'r'), ' reject, ',
    h('span', { class: 'kbd' }, 'n'), ' write the reason, ', h('span', { class: 'kbd' }, '/'), ' filter.'),
    h('div', { class: 'filters' }, h('label', { for: 'approval-filter' }, 'Filter', filterBox),
      h('label', { for: 'approval-status' }, 'Status',
        h('select', { id: 'approval-status', onchange: e => { location.hash = `#/approvals?status=${e.target.value}`; } },
          ['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED', 'ALL'].map(s => h('option', { value: s, selected: s === status }, s))))),
    h('div', { class: 'split' }, state.list, state.detail));
  state.selected = Math.max(0, id ? state.items.findIndex(a => a.id === id) : 0);
  drawList(state);
  installKeys(state);
  // interactive: the list drawn and the keys live; the first item's context follows on its own
  performance.mark('inbox-interactive', { detail: { items: state.items.length, renderMillis: performance.now() - started } });
  await select(state, state.selected, false);
}

function visible(state) {
  if (!state.filter) return state.items;
  return state.items.filter(a => [a.agentId, a.tool, a.action, a.taskType, a.riskClass, a.taskId]
    .some(v => String(v || '').toLowerCase().includes(state.filter)));
}

function drawList(state) {
  const items = visible(state);
  if (items.length === 0) {
    replace(state.list, empty('Nothing waits for you.'));
    return;
  }
  const now = Date.now();
  const rows = items.map((a, index) => h('tr', {
    class: 'selectable', tabindex: '-1', 'data-id': a.id, 'aria-selected': String(index === state.selected),
    onclick: () => select(state, index, true),
  },
  h('td', { class: new Date(a.dueAt).getTime() < now ? 'due overdue' : 'due' }, relative(a.dueAt, now)),
  h('td', {}, h('a', { href: `#/approvals/${encodeURIComponent(a.id)}`, onclick: e => { e.preventDefault(); select(state, index, true); } },
    `${a.tool}:${a.action}`)),
  h('td', {}, a.taskType),
  h('td', {}, a.riskClass),
  h('td', {}, badge(a.status), h('br'), progress(a))));
  replace(state.list, h('table', {},
    h('thead', {}, h('tr', {}, ['Due', 'Action', 'Task type', 'Risk', 'Status'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows)));
}

function progress(a) {
  const dots = [];
  for (let i = 0; i < a.requiredApprovals; i++) dots.push(h('span', { class: i < a.approvals ? 'done' : '' }));
  return h('span', {}, h('span', { class: 'progress', 'aria-hidden': 'true' }, dots),
    ` ${a.approvals} of ${a.requiredApprovals}`);
}

async function select(state, index, focus) {
  const items = visible(state);
  if (items.length === 0) {
    state.shown = null;
    state.ticket++;
    replace(state.detail, empty('Select a request to see its context.'));
    return;
  }
  state.selected = Math.min(Math.max(index, 0), items.length - 1);
  const summary = items[state.selected];
  for (const row of state.list.querySelectorAll('tr.selectable')) {
    row.setAttribute('aria-selected', String(row.dataset.id === summary.id));
    if (row.dataset.id === summary.id && focus) row.scrollIntoView({ block: 'nearest' });
  }
  if (!state.list.isConnected) return;
  // selecting what is already shown keeps it, with the reason being written
  if (state.shown === summary.id) return;
  state.shown = summary.id;
  const ticket = ++state.ticket;
  history.replaceState(null, '', `#/approvals/${encodeURIComponent(summary.id)}`);
  replace(state.detail, h('p', { class: 'loading' }, 'Loading…'));
  let approval;
  try {
    approval = await get(`/v1/approvals/${encodeURIComponent(summary.id)}`);
  } catch (error) {
    if (ticket === state.ticket) state.shown = null;
    throw error;
  }
  // a slower answer for an earlier selection never draws over the one selected since
  if (ticket === state.ticket) drawDetail(state, approval);
}

function drawDetail(state, a) {
  const reason = h('textarea', { id: 'vote-reason', rows: 3, maxlength: 1000, placeholder: 'Why (kept in the audit)' });
  const message = h('div', { role: 'alert', class: 'error' });
  const vote = kind => async () => {
    try {
      const answer = await post(`/v1/approvals/${encodeURIComponent(a.id)}/${kind}`,
        { reason: reason.value || undefined, ...(kind === 'approve' ? { argumentsHash: a.argumentsHash } : {}) });
      toast(`${kind === 'approve' ? 'Approved' : 'Rejected'}: ${answer.status}${answer.execution ? `, execution ${answer.execution.status}` : ''}`);
      drawDetail(state, { ...a, ...answer });
      const listed = state.items.find(i => i.id === a.id);
      if (listed) Object.assign(listed, answer);
      drawList(state);
    } catch (error) {
      replace(message, ...(error instanceof ApiError ? error.lines() : [error.message]).map(l => h('p', {}, l)));
    }
  };
  const open = a.status === 'PENDING';
  replace(state.detail,
    h('h2', {}, `${a.tool}:${a.action}`, ' ', badge(a.status)),
    h('p', {}, progress(a), ' · due ', h('span', { class: new Date(a.dueAt) < new Date() ? 'overdue' : '' }, relative(a.dueAt)),
      ` · SLA ${a.slaClass} (on expiry: ${a.onExpiry})`, ' · approver roles: ', (a.approverRoles || []).join(', ')),
    a.suggestion ? h('p', { class: 'suggestion' }, h('strong', {}, 'Suggested: '), a.suggestion.decision || a.suggestion.action || '',
      a.suggestion.reason ? ` — ${a.suggestion.reason}` : '') : null,
    open ? h('div', {},
      h('label', { for: 'vote-reason' }, 'Reason'), reason,
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'approve', onclick: vote('approve') }, 'Approve (a)'),
        h('button', { type: 'button', id: 'reject', class: 'danger', onclick: vote('reject') }, 'Reject (r)'),
        h('a', { href: `#/explain/${encodeURIComponent(a.envelopeId)}` }, 'Explain this decision')),
      message) : h('p', {}, a.decidedBy ? `Decided by ${a.decidedBy}` : '', a.decisionReason ? `: ${a.decisionReason}` : ''),
    executionSummary(a.execution),
    (a.votes || []).length ? h('ul', { class: 'votes' }, a.votes.map(v => h('li', {}, `${v.vote} by ${v.by} (${v.role})`, v.reason ? `: ${v.reason}` : ''))) : null,
    contextPack(a.context));
}

function installKeys(state) {
  if (keys) document.removeEventListener('keydown', keys);
  keys = event => {
    if (!location.hash.startsWith('#/approvals') || !state.list.isConnected) return;
    const typing = ['INPUT', 'TEXTAREA', 'SELECT'].includes(event.target.tagName);
    if (event.key === 'Escape' && typing) { event.target.blur(); return; }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'j' || event.key === 'ArrowDown') { event.preventDefault(); select(state, state.selected + 1, true); }
    else if (event.key === 'k' || event.key === 'ArrowUp') { event.preventDefault(); select(state, state.selected - 1, true); }
    else if (event.key === 'a') { event.preventDefault(); document.getElementById('approve')?.click(); }
    else if (event.key === 'r') { event.preventDefault(); document.getElementById('reject')?.click(); }
    else if (event.key === 'n') { event.preventDefault(); document.getElementById('vote-reason')?.focus(); }
    else if (event.key === '/') { event.preventDefault(); document.getElementById('approval-filter')?.focus(); }
  };
  document.addEventListener('keydown', keys);
}
