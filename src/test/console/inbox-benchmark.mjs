// How long an approver's inbox takes to render and become interactive, measured in the browser:
//   node inbox-benchmark.mjs <baseUrl> <subject> <runs>
// Each run loads the console anew (a cold page, the login kept) and reads the 'inbox-interactive' mark the
// inbox sets once its list is drawn and its keys work: milliseconds since navigation start, so the module
// loads, the API's pages of approvals and the rendering are all in it. Prints one JSON line.
import { chromium } from 'playwright-core';

const [base, subject, runs = '7'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.MANDATE_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await page.goto(`${base}/console/`);
await page.getByRole('button', { name: 'Log in' }).click();
await page.fill('#subject', subject);
for (const role of ['approver', 'auditor', 'admin']) await page.setChecked(`input[name=role][value=${role}]`, role === 'approver');
await page.getByRole('button', { name: 'Log in' }).click();
await page.waitForSelector('#who >> text=Log out');

const samples = [];
let items = 0;
for (let i = 0; i < Number(runs); i++) {
  await page.goto('about:blank');
  await page.goto(`${base}/console/#/approvals`);
  const mark = await page.waitForFunction(() => {
    const found = performance.getEntriesByName('inbox-interactive')[0];
    return found && { at: found.startTime, items: found.detail.items, render: found.detail.renderMillis };
  }, null, { timeout: 30000, polling: 20 });
  const value = await mark.jsonValue();
  items = value.items;
  // the first row answers a key press at once: interactive, not only painted
  await page.keyboard.press('j');
  samples.push(value);
}
await browser.close();
const sorted = samples.map(s => s.at).sort((a, b) => a - b);
console.log(JSON.stringify({
  items,
  runs: samples.length,
  medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]),
  maxMs: Math.round(sorted[sorted.length - 1]),
  minMs: Math.round(sorted[0]),
  pageRenderMs: samples.map(s => Math.round(s.render)),
}));
