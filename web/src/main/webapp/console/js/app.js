// The console's shell: login, who is logged in, and the hash routes to each page. Pages are modules that
// render into <main> from the API; each route is a link, so the browser's back button and bookmarks work.
import { completeLogin, accessToken, login, logout } from './auth.js';
import { get, whenUnauthorized, ApiError } from './api.js';
import { h, replace } from './dom.js';

const pages = {
  approvals: () => import('./pages/approvals.js'),
  escalations: () => import('./pages/escalations.js'),
  explain: () => import('./pages/explain.js'),
  agents: () => import('./pages/agents.js'),
  'kill-switches': () => import('./pages/killswitches.js'),
  dashboards: () => import('./pages/dashboards.js'),
  evals: () => import('./pages/evals.js'),
  readiness: () => import('./pages/readiness.js'),
};

const main = document.getElementById('main');
let context;

function showError(error, target = main) {
  const lines = error instanceof ApiError ? error.lines() : [error.message || String(error)];
  replace(target, h('div', { class: 'problem', role: 'alert' },
    h('h1', {}, error.status === 403 ? 'Not allowed' : 'Something went wrong'),
    lines.map(line => h('p', {}, line))));
}

function homeOf(me) {
  if (me.groups.includes('mandate-approver')) return 'approvals';
  if (me.groups.includes('mandate-admin')) return 'approvals';
  return 'dashboards';
}

async function route() {
  const path = location.hash.replace(/^#\/?/, '').split('?')[0];
  const [name, ...params] = (path || homeOf(context.me)).split('/').map(decodeURIComponent);
  const loader = pages[name];
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.page === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (!loader) {
    replace(main, h('h1', {}, 'Not found'), h('p', {}, 'No such page. Choose one from the menu.'));
    return;
  }
  // each visit renders into a view of its own: a slower earlier page finishing late writes into a view
  // that is no longer shown, never over the page asked for since
  const view = h('div', { class: 'view' }, h('p', { class: 'loading' }, 'Loading…'));
  replace(main, view);
  try {
    const page = await loader();
    document.title = `${page.title} · Mandate console`;
    await page.render({ ...context, main: view }, params);
  } catch (error) {
    if (view.isConnected) showError(error, view);
  }
  if (document.activeElement === document.body || !main.contains(document.activeElement)) {
    main.focus({ preventScroll: true });
  }
}

function loginPage(settings, problem) {
  replace(main,
    h('div', { class: 'login-card' },
      h('h1', {}, 'Mandate console'),
      problem ? h('p', { class: 'error', role: 'alert' }, problem) : null,
      settings.oidc
        ? [h('p', {}, settings.devLogin
            ? 'Quick start: log in on the local issuer as any person of the demo tenant.'
            : 'Log in with your company account.'),
          h('button', { type: 'button', onclick: () => login(settings) }, 'Log in')]
        : h('p', {}, 'Login is not set up on this server: configure mandate.console.oidc.authorization-endpoint and token-endpoint (see the README).')));
}

async function start() {
  const settings = await (await fetch('/api/v1/console/settings', { headers: { Accept: 'application/json' } })).json();
  whenUnauthorized(() => {
    sessionStorage.clear();
    loginPage(settings, 'Your login has expired; log in again.');
  });
  try {
    await completeLogin(settings);
  } catch (error) {
    loginPage(settings, error.message);
    return;
  }
  if (!accessToken()) {
    loginPage(settings);
    return;
  }
  const me = await get('/v1/me');
  context = { me, settings };
  replace(document.getElementById('who'),
    h('span', {}, `${me.subject} · ${me.tenant} · ${me.groups.map(g => g.replace('mandate-', '')).join(', ')}`),
    h('button', { type: 'button', class: 'link', onclick: () => logout(settings) }, 'Log out'));
  window.addEventListener('hashchange', route);
  await route();
}

start().catch(showError);
