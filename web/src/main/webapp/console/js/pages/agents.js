// Agents and each one's authority card: everything it may do, under which tier, its caps and approvers, its
// budgets and what stops it, on one printable screen.
import { get, all } from '../api.js';
import { h, replace, heading, badge, number, empty } from '../dom.js';

export const title = 'Authority cards';

export async function render({ main }, [id]) {
  if (id) {
    await renderCard(main, id);
    return;
  }
  const agents = await all('/v1/agents');
  replace(main, heading('Agents', h('span', { class: 'muted' }, `${agents.length} agent(s)`)),
    agents.length === 0 ? empty('No agents yet.') : h('div', { class: 'panel' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Agent', 'Workflow', 'Default tier', 'Status', 'Sponsor'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, agents.map(a => h('tr', {},
        h('td', {}, h('a', { href: `#/agents/${encodeURIComponent(a.id)}` }, a.name)),
        h('td', {}, a.workflow || '—'), h('td', {}, a.defaultTier), h('td', {}, badge(a.status, a.status === 'ACTIVE' ? 'ok' : 'bad')),
        h('td', {}, a.sponsor || h('span', { class: 'overdue' }, 'none')))))))); 
}

async function renderCard(main, id) {
  const [card, rules] = await Promise.all([get(`/v1/agents/${encodeURIComponent(id)}/card`), all('/v1/policies/rules')]);
  const caps = rules.filter(r => r.enabled && (r.kind === 'AMOUNT_CAP' || r.kind === 'RATE_LIMIT'));
  const agent = card.agent;
  const stops = [...(card.blockedBy || []), ...(card.activeKillSwitches || [])];
  replace(main,
    heading(`Authority card: ${agent.name}`,
      h('div', { class: 'actions' }, h('button', { type: 'button', id: 'print-card', class: 'secondary', onclick: () => window.print() }, 'Print'))),
    h('section', { class: 'panel', id: 'card' },
      h('p', { class: 'lead' },
        `${agent.name} works on ${agent.workflow || 'no workflow'}, default tier ${agent.defaultTier}`,
        agent.shadowMode ? ' (shadow mode: nothing it asks is executed)' : '',
        `; sponsor ${agent.sponsor || 'none'}; status `, badge(agent.status, agent.status === 'ACTIVE' ? 'ok' : 'bad'), '.'),
      stops.length ? h('div', { class: 'problem', role: 'note' }, h('strong', {}, 'Stopped: '), stops.join(' · '))
        : h('p', {}, badge('No kill switch or block applies', 'ok')),
      h('h2', {}, 'What it may do'),
      (card.taskTypes || []).length === 0 ? empty('No task types: its workflow defines none, so it may do nothing.')
        : card.taskTypes.map(taskType),
      h('h2', {}, 'Caps'),
      caps.length === 0 ? empty('No amount cap or rate limit in this tenant’s policy.') : h('ul', { id: 'caps' }, caps.map(r =>
        h('li', {}, badge(r.effect), ` ${r.name}: `, r.kind === 'AMOUNT_CAP' ? `${r.params.path} above ${number(r.params.max)}` : JSON.stringify(r.params),
          ` (rule ${r.ruleId}, version ${r.version})`))),
      h('div', { class: 'grid' },
        h('div', {}, h('h2', {}, 'Roles'), h('ul', {}, (card.roles || []).map(r => h('li', {}, h('strong', {}, r.name), ': ', r.permissions.join(', '))))),
        h('div', {}, h('h2', {}, 'Budget left'), Object.keys(card.budgetRemaining || {}).length === 0 ? empty('No budget applies.')
          : h('table', { class: 'kv' }, h('tbody', {}, Object.entries(card.budgetRemaining).map(([k, v]) =>
            h('tr', {}, h('th', { scope: 'row' }, k), h('td', { class: 'num' }, number(v))))))),
        h('div', {}, h('h2', {}, 'Tier per tool'), Object.keys(card.toolTiers || {}).length === 0
          ? h('p', {}, `Every tool at the default tier ${agent.defaultTier}.`)
          : h('ul', {}, Object.entries(card.toolTiers).map(([tool, tier]) => h('li', {}, `${tool}: ${tier}`)))))));
}

function taskType(t) {
  return h('section', { class: 'task-type' },
    h('h3', {}, `${t.name} (${t.key}) · risk ${t.riskLevel}`, t.shadowMode ? ' · shadow mode' : ''),
    h('table', {}, h('caption', { class: 'muted' }, 'Actions its roles permit'),
      h('thead', {}, h('tr', {}, ['Action', 'Risk class', 'Tier', 'Typical outcome', 'Who approves', 'Permitted by'].map(c => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, (t.actions || []).map(a => h('tr', {},
        h('td', {}, `${a.tool}:${a.action}`), h('td', {}, a.riskClass), h('td', {}, a.tier), h('td', {}, badge(a.outcome)),
        h('td', {}, (a.approverRoles || []).join(', ') || '—'), h('td', {}, (a.permittedBy || []).join(', ')))))),
    (t.refusalConditions || []).length ? h('p', {}, h('strong', {}, 'Refuses: '),
      t.refusalConditions.map(r => typeof r === 'string' ? r : (r.description || JSON.stringify(r))).join(' · ')) : null,
    Object.keys(t.limits || {}).length ? h('p', {}, h('strong', {}, 'Limits per task: '),
      Object.entries(t.limits).map(([k, v]) => `${k} ${number(v)}`).join(' · ')) : null,
    t.minConfidence !== undefined ? h('p', {}, h('strong', {}, 'Asks a person below confidence '), number(t.minConfidence)) : null);
}
