// Drives the console in the machine's Chromium (Debian's package) with playwright-core, one scenario per run:
//   node e2e.mjs <baseUrl> <scenario> <outDir> '<json arguments>'
// Prints one JSON line per check ({"check": ..., "ok": true|false, ...}) and exits 1 if any failed. Every
// page a scenario visits is scanned with axe-core (WCAG 2.2 A/AA rules); a serious or critical violation
// fails the check. Screenshots of each page go to <outDir>.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { scenarios } from './scenarios.mjs';

const require = createRequire(import.meta.url);
const [base, name, outDir, argsJson] = process.argv.slice(2);
const executablePath = process.env.MANDATE_CHROMIUM || '/usr/bin/chromium';

if (!existsSync(executablePath)) {
  console.log(JSON.stringify({ check: 'chromium', ok: false,
    detail: `no Chromium at ${executablePath}: install Debian's package (apt-get install chromium) or set MANDATE_CHROMIUM` }));
  process.exit(2);
}
const scenario = scenarios[name];
if (!scenario) {
  console.log(JSON.stringify({ check: 'scenario', ok: false, detail: `unknown scenario ${name}` }));
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

let failed = 0;
const report = (check, ok, detail) => {
  if (!ok) failed++;
  console.log(JSON.stringify({ check, ok: Boolean(ok), ...(detail === undefined ? {} : { detail }) }));
};

const browser = await chromium.launch({
  executablePath,
  headless: true,
  // as the machine's network is closed: no background connections, no component updates
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, bypassCSP: true });
const page = await context.newPage();
const consoleErrors = [];
page.on('pageerror', error => consoleErrors.push(String(error)));
page.on('console', message => {
  if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) consoleErrors.push(message.text());
});
// a refused API call the scenario expects (a 409 shown to the user) is the scenario's business; a missing file is not
page.on('response', response => {
  if (response.status() === 404 && !response.url().includes('/api/')) consoleErrors.push(`404 ${response.url()}`);
});
page.setDefaultTimeout(15000);

const tools = {
  base,
  page,
  context,
  report,
  /** Logs in through the console's own OpenID Connect flow on the dev login form. */
  async login(subject, roles = ['approver', 'auditor'], tenant = 'demo') {
    await page.goto(`${base}/console/`);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/api\/v1\/dev\/oidc\/authorize/);
    await tools.accessible('dev-login');
    await page.fill('#subject', subject);
    await page.fill('#tenant', tenant);
    for (const role of ['approver', 'auditor', 'admin']) {
      await page.setChecked(`input[name=role][value=${role}]`, roles.includes(role));
    }
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForSelector('#who >> text=Log out');
    report('login', (await page.textContent('#who')).includes(subject), await page.textContent('#who'));
  },
  /** Waits for the page's content, then scans it with axe-core and takes a screenshot. */
  async accessible(label) {
    await page.waitForSelector('main .loading', { state: 'detached' }).catch(() => {});
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }));
    const serious = result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
    report(`axe ${label}`, serious.length === 0, serious.map(v => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })));
    await page.screenshot({ path: `${outDir}/${label}.png`, fullPage: true });
  },
  async visit(hash, label) {
    await page.goto(`${base}/console/${hash}`);
    await page.waitForSelector('main .loading', { state: 'detached' });
    const problem = await page.$('main .problem');
    report(`page ${label}`, !problem, problem ? await problem.textContent() : undefined);
    await tools.accessible(label);
  },
  async downloaded(click) {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  },
};

try {
  await scenario(tools, JSON.parse(argsJson || '{}'));
} catch (error) {
  report('scenario', false, String(error.stack || error));
  await page.screenshot({ path: `${outDir}/${name}-failure.png`, fullPage: true }).catch(() => {});
} finally {
  report('no script errors', consoleErrors.length === 0, consoleErrors);
  await browser.close();
}
process.exit(failed ? 1 : 0);
