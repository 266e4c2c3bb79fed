// What a person does in the console, as the integration tests ask for it. Each scenario gets the tools of
// e2e.mjs and the ids the test prepared through the API.

export const scenarios = {
  /** An approver logs in, finds the payment in the inbox, approves it, and sees it executed. */
  async approve(t, { subject, approvalId }) {
    const { page, report } = t;
    await t.login(subject);
    await page.waitForSelector(`#approval-list tr[data-id="${approvalId}"]`);
    await t.accessible('approvals-inbox');
    await page.click(`#approval-list tr[data-id="${approvalId}"] a`);
    await page.waitForSelector('#approval-detail h2');
    await page.waitForSelector('#approve');
    await page.fill('#vote-reason', 'matches PO-77');
    await page.keyboard.press('Escape');
    await page.keyboard.press('a');
    const toast = await page.waitForSelector('#toast.shown >> text=/Approved|Rejected/');
    const text = await toast.textContent();
    report('approved and executed', /Approved: APPROVED, execution SUCCEEDED/.test(text), text);
    await page.waitForSelector('#approval-detail .badge.approved');
    await t.accessible('approval-decided');
  },

  /** A reviewer claims an escalation, tries an edit the policy refuses, then executes an allowed edit. */
  async escalation(t, { subject, escalationId, refusedArguments, allowedArguments }) {
    const { page, report } = t;
    await t.login(subject);
    await t.visit(`#/escalations/${escalationId}`, 'escalation-open');
    await page.click('#claim');
    await page.waitForSelector('#edited-arguments');
    await page.fill('#edited-arguments', JSON.stringify(refusedArguments, null, 2));
    const refused = await page.waitForSelector('#edit-verdict >> text=would be refused');
    report('live re-check refuses the edit', Boolean(refused), await page.textContent('#edit-verdict'));
    await page.fill('#edited-arguments', JSON.stringify(allowedArguments, null, 2));
    await page.waitForSelector('#edit-verdict >> text=can be executed');
    await t.accessible('escalation-claimed');
    await page.fill('#resolve-reason', 'first instalment');
    await page.click('#resolve-edited');
    const toast = await page.waitForSelector('#toast.shown >> text=/Resolved|refused|error/i');
    const text = await toast.textContent();
    report('resolved with the edit', /Resolved: EXECUTE_EDITED/.test(text), text);
    await page.waitForSelector('#escalation-detail .badge.resolved');
  },

  /** Explain one decision, export it as JSON and HTML, print it to PDF, and open its trace. */
  async explain(t, { subject, envelopeId }) {
    const { page, report } = t;
    await t.login(subject);
    await t.visit(`#/explain/${envelopeId}`, 'explain');
    const json = await t.downloaded(() => page.click('#export-json'));
    const exported = JSON.parse(json.text);
    report('export JSON', exported.envelopeId === envelopeId && Array.isArray(exported.explanation.steps),
      { file: json.name, steps: exported.explanation.steps.length });
    const html = await t.downloaded(() => page.click('#export-html'));
    report('export HTML, self-contained', html.text.startsWith('<!doctype html>') && html.text.includes(envelopeId)
      && !/<(script|link)\b/i.test(html.text) && !/(src|href)="https?:/i.test(html.text), { file: html.name, bytes: html.text.length });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: `${process.argv[4]}/explain.pdf`, format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
    report('printable', true);
    await page.click('#show-trace');
    await page.waitForSelector('#trace table');
    report('trace shown', (await page.$$('#trace tbody tr')).length > 0);
  },

  /** An administrator stops one agent with a reason and a confirmation, then lets it go again. */
  async killSwitch(t, { subject, agentId }) {
    const { page, report } = t;
    await t.login(subject, ['admin']);
    await t.visit('#/kill-switches', 'kill-switches');
    await page.selectOption('#ks-scope', 'AGENT');
    await page.fill('#ks-target', agentId);
    await page.fill('#ks-reason', 'console check: stop this agent');
    await page.click('#ks-stop');
    await page.waitForSelector('dialog#confirm');
    await t.accessible('kill-switch-confirm');
    await page.click('#confirm-yes');
    const row = `tr:has(td:text-is("${agentId}"))`;
    await page.waitForSelector(`${row} .badge:text-is("ON")`);
    report('switched on', true);
    await page.click(`${row} button:text-is("Turn off")`);
    await page.waitForSelector('dialog#confirm #confirm-reason');
    await page.fill('#confirm-reason', 'console check done');
    await page.click('#confirm-yes');
    await page.waitForSelector(`${row} .badge:text-is("off")`);
    report('switched off', (await page.textContent(row)).includes('console check done'));
  },

  /** Every page once, as a risk owner with every role: each renders without a problem and passes axe. */
  async tour(t, { subject, agentId, workflow }) {
    await t.login(subject, ['admin', 'auditor', 'approver']);
    await t.visit('#/approvals', 'approvals');
    await t.visit('#/escalations', 'escalations');
    await t.visit('#/explain', 'explain-search');
    await t.visit('#/agents', 'agents');
    await t.visit(`#/agents/${agentId}`, 'authority-card');
    await t.visit('#/kill-switches', 'kill-switches-list');
    await t.visit('#/dashboards', 'dashboards');
    await t.visit('#/evals', 'evals');
    await t.visit('#/readiness', 'readiness');
    if (workflow) await t.visit(`#/readiness/${workflow}`, 'readiness-workflow');
  },
};

/** The production login: the console sends the user to the enterprise IdP and comes back logged in, or not. */
scenarios.enterpriseLogin = async (t, { subject, tenant, refused }) => {
  const { page, report } = t;
  await page.goto(`${t.base}/console/`);
  await page.getByRole('button', { name: 'Log in' }).click();
  if (refused) {
    const message = await page.waitForSelector('.login-card .error');
    const text = await message.textContent();
    report('refusal shown', text.includes('not assigned to the app'), text);
    report('no token kept', await page.evaluate(() => !sessionStorage.getItem('mandate.console.token')));
    await t.accessible('login-refused');
    return;
  }
  await page.waitForSelector('#who >> text=Log out');
  const who = await page.textContent('#who');
  report('logged in with the IdP’s token', who.includes(subject) && who.includes(tenant), who);
  report('back on the console without the code in the address', !page.url().includes('code='), page.url());
  await t.visit('#/approvals', 'enterprise-approvals');
};
