// Kill switches: every scope, who flipped it, when and why; flipping one asks for a reason and a confirmation.
import { get, put, ApiError } from '../api.js';
import { h, replace, heading, badge, dateTime, toast } from '../dom.js';

export const title = 'Kill switches';

export async function render({ main, me }) {
  const switches = await get('/v1/kill-switches');
  const isAdmin = me.groups.includes('mandate-admin');
  const scope = h('select', { id: 'ks-scope' }, ['TENANT', 'AGENT', 'TOOL', 'GLOBAL'].map(s => h('option', { value: s }, s)));
  const target = h('input', { id: 'ks-target', maxlength: 200, placeholder: 'agent id or tool key' });
  const reason = h('input', { id: 'ks-reason', maxlength: 500, required: true });
  const message = h('div', { role: 'alert', class: 'error' });
  const flip = (s, active, why) => confirmThen(
    `${active ? 'Stop' : 'Resume'} ${s.scope}${s.target ? ` ${s.target}` : ''}?`,
    active ? 'Every decision in this scope is DENY from the next request; queued executions stop.' : 'Decisions in this scope go on as the policy says.',
    why,
    async reasonGiven => {
      try {
        await put('/v1/kill-switches', { scope: s.scope, target: s.target || undefined, active, reason: reasonGiven });
        toast(`Kill switch ${s.scope} ${active ? 'on' : 'off'}`);
        await render({ main, me });
      } catch (error) {
        replace(message, ...(error instanceof ApiError ? error.lines() : [error.message]).map(l => h('p', {}, l)));
      }
    });
  replace(main,
    heading('Kill switches'),
    h('div', { class: 'panel' }, switches.length === 0 ? h('p', { class: 'empty' }, 'No kill switch was ever set in this tenant.')
      : h('table', {}, h('thead', {}, h('tr', {}, ['Scope', 'Target', 'State', 'Why', 'Who', 'When', ''].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, switches.map(s => h('tr', {},
          h('td', {}, s.scope), h('td', {}, s.target || '—'), h('td', {}, badge(s.active ? 'ON' : 'off', s.active ? 'bad' : 'ok')),
          h('td', {}, s.reason), h('td', {}, s.changedBy), h('td', {}, dateTime(s.changedAt)),
          h('td', {}, isAdmin && s.active ? h('button', { type: 'button', class: 'secondary', onclick: () => flip(s, false, null) },
            'Turn off') : null)))))),
    isAdmin ? h('form', { class: 'panel', id: 'ks-form', onsubmit: event => {
      event.preventDefault();
      if (!reason.value.trim()) { replace(message, h('p', {}, 'Say why: the reason is required.')); return; }
      flip({ scope: scope.value, target: target.value.trim() }, true, reason.value.trim());
    } },
    h('h2', {}, 'Stop'),
    h('label', { for: 'ks-scope' }, 'Scope'), scope,
    h('label', { for: 'ks-target' }, 'Target (for AGENT and TOOL)'), target,
    h('label', { for: 'ks-reason' }, 'Why'), reason,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger', id: 'ks-stop' }, 'Stop…')),
    message) : h('p', { class: 'note' }, 'Only administrators flip kill switches.'));
}

/** Asks before acting; without a reason yet, asks for one too (it goes into the audit). */
function confirmThen(question, consequence, reason, action) {
  const input = reason ? null : h('input', { id: 'confirm-reason', maxlength: 500, required: true });
  const dialog = h('dialog', { id: 'confirm', 'aria-labelledby': 'confirm-title' },
    h('h2', { id: 'confirm-title' }, question), h('p', {}, consequence),
    h('form', { method: 'dialog' },
      input ? [h('label', { for: 'confirm-reason' }, 'Why (kept in the audit)'), input] : null,
      h('div', { class: 'actions' },
        h('button', { value: 'yes', id: 'confirm-yes', class: 'danger' }, 'Yes, do it'),
        h('button', { value: 'no', class: 'secondary', formnovalidate: true, autofocus: !input }, 'Cancel'))));
  dialog.addEventListener('close', () => {
    dialog.remove();
    const why = reason || input.value.trim();
    if (dialog.returnValue === 'yes' && why) action(why);
  });
  document.body.appendChild(dialog);
  dialog.showModal();
  input?.focus();
}
