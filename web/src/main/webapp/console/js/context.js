// The context pack a person decides with (approvals and escalations alike): the action in plain words, its
// arguments, the evidence with its citations, the rules that fired, the agent's recent history and budget.
import { h, argumentsTable, badge, dateTime, number } from './dom.js';

export function contextPack(context) {
  if (!context) return null;
  const rules = context.rules || {};
  return h('div', { class: 'context' },
    h('p', { class: 'plain' }, context.action),
    context.reasoningSummary ? h('p', {}, h('strong', {}, 'Agent’s reasoning: '), context.reasoningSummary) : null,
    context.confidence !== undefined ? h('p', {}, h('strong', {}, 'Confidence: '), number(context.confidence)) : null,
    context.onBehalfOf ? h('p', {}, h('strong', {}, 'On behalf of: '), JSON.stringify(context.onBehalfOf)) : null,
    argumentsTable(context.arguments),
    h('h3', {}, 'Evidence'),
    (context.evidence || []).length === 0
      ? h('p', { class: 'empty' }, 'The agent cited no evidence.')
      : h('ol', { class: 'evidence' }, context.evidence.map(e =>
        h('li', {},
          h('strong', {}, e.source || 'source'), e.reference ? ` (${e.reference})` : '', ': ',
          h('q', {}, e.excerpt || JSON.stringify(e)),
          e.url ? [' ', h('a', { href: e.url, rel: 'noopener noreferrer', target: '_blank' }, 'open citation')] : null))),
    h('h3', {}, 'The decision'),
    h('p', {}, badge(rules.decision || '—'), ' ', (rules.ruleIds || []).length
      ? `rules: ${rules.ruleIds.join(', ')}` : ''),
    h('ul', {}, (rules.reasons || []).map(r => h('li', {}, r))),
    budget(context.budget),
    history(context.recentHistory),
    context.authorityCard?.agent ? h('p', {},
      h('a', { href: `#/agents/${encodeURIComponent(context.authorityCard.agent.id || '')}` }, 'The agent’s authority card')) : null);
}

function budget(remaining) {
  if (!remaining || typeof remaining !== 'object' || Object.keys(remaining).length === 0) return null;
  return [h('h3', {}, 'Budget left'), h('table', { class: 'kv' }, h('tbody', {},
    Object.entries(remaining).map(([name, value]) => h('tr', {}, h('th', { scope: 'row' }, name),
      h('td', {}, typeof value === 'object' ? Object.entries(value).map(([k, v]) => `${k} ${number(v)}`).join(' · ') : number(value))))))];
}

function history(recent) {
  if (!recent) return null;
  const counts = Object.entries(recent.counts || {}).map(([k, v]) => `${k} ${v}`).join(' · ');
  return [h('h3', {}, `Recent history (${recent.taskType})`),
    h('p', {}, counts || 'No earlier envelopes of this task type.'),
    (recent.envelopes || []).length ? h('ul', { class: 'recent' }, recent.envelopes.slice(0, 10).map(r =>
      h('li', {}, badge(r.decision), ' ', r.human ? badge(r.human, 'ok') : '', ' ', dateTime(r.at), ' ',
        h('a', { href: `#/explain/${encodeURIComponent(r.envelopeId)}` }, 'explain')))) : null];
}

export function executionSummary(execution) {
  if (!execution) return null;
  return h('p', { class: 'execution' }, h('strong', {}, 'Execution: '), badge(execution.status), ' ',
    `${execution.attempts} attempt(s)`, execution.cost !== undefined ? ` · cost ${number(execution.cost)}` : '');
}
