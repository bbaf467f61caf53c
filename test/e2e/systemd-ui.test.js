'use strict';
// (S) systemd in the editor: the installed sysv-ha.vsix in code-server, driven by Chromium.
// On etc/rc.d/init.d/httpd and myscript of a copy of examples/ (a Red Hat tree, so the
// profile's default systemd is 219): the "systemd 219 unit" code lens, its read-only preview
// (what systemd-sysv-generator writes), the hover notes on LSB keywords and facilities, the
// Services view's systemd column, and "Convert to a Native systemd Unit" (an untitled document).
//
// Environment (set by run.sh): E2E_URL, E2E_WS, E2E_SHOTS, E2E_STATE, E2E_CLI (dist/cli.js of
// the packaged extension: the preview must show the same unit as `sysv-ha unit`).
// Writes $E2E_SHOTS/systemd-results.json; exits 1 if a check failed.

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { hoverWord, launchBrowser, lensTitles, poll, recorder, requireEnv, runPalette, servicesPane, servicesRows, shot, sleep, widenSidebar } = require('./lib');

const URL_BASE = requireEnv('E2E_URL');
const WS = requireEnv('E2E_WS');
const SHOTS = requireEnv('E2E_SHOTS');
const STATE = requireEnv('E2E_STATE');
const CLI = requireEnv('E2E_CLI');

const { checks, record } = recorder();




// Opens a workspace file with quick open and waits until `firstText` is rendered.
async function quickOpen(page, relPath, firstText) {
  const base = path.basename(relPath);
  const input = page.locator('.quick-input-widget input');
  let listed = false;
  for (let attempt = 0; attempt < 4 && !listed; attempt++) {
    await page.keyboard.press('Escape');
    await sleep(attempt ? 500 : 100);
    await page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
    await sleep(200);
    await input.fill(relPath, { timeout: 3000 }).catch(() => {});
    listed = !!(await poll(async () => {
      const rows = await page.$$eval('.quick-input-widget .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') || e.textContent));
      return rows.length > 0 && (rows[0] === base || rows[0].startsWith(`${base} `) || rows[0].startsWith(`${base},`));
    }, 10000));
  }
  if (!listed) return `quick open did not list ${relPath}`;
  await page.keyboard.press('Enter');
  return (await poll(async () => (await editorText(page, false)).includes(firstText), 15000)) ? true : `${relPath} did not show "${firstText}"`;
}

// The rendered lines of the active editor group (or of every editor), top to bottom.
async function editorText(page, activeOnly = true) {
  const sel = activeOnly ? '.editor-group-container.active .monaco-editor .view-lines .view-line' : '.monaco-editor .view-lines .view-line';
  return page
    .$$eval(sel, (els) => els.map((e) => ({ t: e.textContent.replace(/\u00a0/g, ' '), y: e.getBoundingClientRect().top })).sort((a, b) => a.y - b.y).map((x) => x.t).join('\n'))
    .catch(() => '');
}








async function systemdPart(page) {
  // --- the Services view: a systemd column per script ----------------------------------
  await runPalette(page, 'View: Show Explorer');
  await widenSidebar(page, 520);
  const pane = servicesPane(page);
  const header = pane.locator('.pane-header');
  await header.waitFor({ state: 'visible', timeout: 15000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const rows = await poll(async () => {
    const r = await servicesRows(page);
    return r.some((x) => x.name === 'myscript' && x.description.includes('systemd:')) ? r : null;
  }, 30000);
  const rowsNow = rows || (await servicesRows(page));
  const mine = rowsNow.find((r) => r.name === 'myscript');
  const httpd = rowsNow.find((r) => r.name === 'httpd');
  // myscript: chkconfig 234 (no links yet: the planned ones) → runlevel2/3/4.target on systemd 219.
  record('Services view: myscript shows "systemd: runlevel2, runlevel3, runlevel4" (its planned links on systemd 219)',
    !!mine && mine.description.includes('systemd: runlevel2, runlevel3, runlevel4'), mine ? mine.description : JSON.stringify(rowsNow));
  // httpd: chkconfig "-": no S link anywhere, so no target wants the generated unit.
  record('Services view: httpd shows "systemd: wanted by nothing" (chkconfig -)', !!httpd && httpd.description.includes('systemd: wanted by nothing'), httpd ? httpd.description : '');

  // --- httpd: the lens, the hover notes ------------------------------------------------
  const opened = await quickOpen(page, 'etc/rc.d/init.d/httpd', '# chkconfig: - 85 15');
  record('etc/rc.d/init.d/httpd opens (quick open)', opened === true, opened === true ? '' : opened);
  if (opened !== true) return;
  const lens = await poll(async () => ((await lensTitles(page)).includes('systemd 219 unit') ? true : null), 20000);
  record('httpd: code lens "systemd 219 unit"', !!lens, JSON.stringify(await lensTitles(page)));
  const hNet = await hoverWord(page, 'Required-Start: $local_fs $remote_fs $network', '$network', (t) => t.includes('systemd 219') && t.includes('network-online.target'));
  record('httpd: hover on $network says systemd 219 makes After= and Wants=network-online.target', hNet.ok, hNet.text.split('\n').filter((l) => /systemd/.test(l)).join(' ').slice(0, 300));
  const hLocal = await hoverWord(page, 'Required-Start: $local_fs', '$local_fs', (t) => t.includes('systemd 219') && t.includes('dropped'));
  record('httpd: hover on $local_fs says systemd drops it', hLocal.ok, hLocal.text.split('\n').filter((l) => /systemd/.test(l)).join(' ').slice(0, 300));
  const hKey = await hoverWord(page, 'Should-Start: distcache', 'Should-Start', (t) => t.includes('ordering, not a requirement'));
  record('httpd: hover on Should-Start says it is ordering only under systemd', hKey.ok, hKey.text.split('\n').filter((l) => /systemd/.test(l)).join(' ').slice(0, 300));
  await sleep(300);
  await shot(page, 'sd-01-hover.png');
  await page.mouse.move(5, 5);

  // --- the preview: the unit systemd-sysv-generator writes, as `sysv-ha unit` prints it ---------
  const lensLink = page.locator('.monaco-editor .codelens-decoration a').filter({ hasText: 'systemd 219 unit' }).first();
  await lensLink.click({ timeout: 10000 });
  const preview = await poll(async () => {
    const tab = await page.locator('.tabs-container .tab').filter({ hasText: 'httpd.service' }).first().isVisible().catch(() => false);
    const text = await editorText(page);
    return tab && text.includes('What systemd 219') && text.includes('ExecStart=/etc/rc.d/init.d/httpd start') ? text : null;
  }, 20000);
  const pText = preview || (await editorText(page));
  record('the lens opens "httpd.service" beside the script: "What systemd 219 (RHEL/CentOS 7) makes of httpd"', !!preview, pText.split('\n').slice(0, 2).join(' / '));
  const groups = await page.locator('.editor-group-container').count();
  record('the preview opens beside the script (two editor groups)', groups === 2, `${groups} editor group(s)`);
  // The unit in the preview is the one `sysv-ha unit` prints for the same tree (the oracle compares that one to the real generator).
  const cli = execFileSync('node', [CLI, 'unit', '--root', WS, 'httpd'], { encoding: 'utf8' });
  const unitOf = (t) => t.split('\n').filter((l) => /^(Description|Before|After|Wants|Conflicts|Type|PIDFile|ExecStart|ExecStop|ExecReload|RemainAfterExit)=/.test(l));
  const want = unitOf(cli);
  const got = unitOf(pText);
  record('the preview shows the unit `sysv-ha unit` prints for httpd (Description=, After=, PIDFile=, Exec*=)',
    want.length >= 8 && want.every((l) => got.includes(l)), want.filter((l) => !got.includes(l)).join(' | ') || `${want.length} lines`);
  const readOnly = await page.locator('.editor-group-container.active .monaco-editor').first().getAttribute('class').catch(() => '');
  const typed = await (async () => {
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click({ position: { x: 30, y: 5 } });
    await page.keyboard.type('zz');
    await sleep(300);
    return (await editorText(page)).includes('zz');
  })();
  record('the preview is read-only (typing changes nothing)', !typed, readOnly || '');
  await sleep(300);
  await shot(page, 'sd-02-preview.png');

  // --- Convert to a native systemd unit: an untitled document -----------------------------
  await page.locator('.editor-group-container').first().click({ position: { x: 200, y: 120 } }).catch(() => {});
  await sleep(300);
  const ran = await runPalette(page, 'sysv-ha: Convert to a Native systemd Unit');
  record('the command palette offers "sysv-ha: Convert to a Native systemd Unit"', ran, '');
  const native = await poll(async () => {
    const t = await editorText(page);
    const untitled = await page.locator('.tabs-container .tab[aria-label*="Untitled"]').count();
    return untitled > 0 && t.includes('ExecStart=/usr/sbin/httpd $OPTIONS') ? t : null;
  }, 20000);
  const nText = native || (await editorText(page));
  record('Convert: an untitled document with ExecStart=/usr/sbin/httpd $OPTIONS, EnvironmentFile=-/etc/sysconfig/httpd, PIDFile=',
    !!native && nText.includes('EnvironmentFile=-/etc/sysconfig/httpd') && nText.includes('PIDFile=/var/run/httpd/httpd.pid'), nText.split('\n').slice(0, 3).join(' / '));
  await shot(page, 'sd-03-native.png');
  // Close it without saving (the workspace stays as it was).
  await runPalette(page, 'View: Revert and Close Editor');
  record('the workspace holds no new file after Convert', !fs.existsSync(path.join(WS, 'etc/rc.d/init.d/httpd.service')), '');

  // --- the README's picture: the lens and the hover on the script, the preview beside, the Services column ---
  await runPalette(page, 'View: Close All Editor Groups');
  // Wide enough for the whole row of lenses beside the Services view.
  await page.setViewportSize({ width: 2000, height: 1000 });
  await sleep(800);
  const again = await quickOpen(page, 'etc/rc.d/init.d/httpd', '# chkconfig: - 85 15');
  if (again === true) {
    await poll(async () => ((await lensTitles(page)).includes('systemd 219 unit') ? true : null), 15000);
    await page.locator('.monaco-editor .codelens-decoration a').filter({ hasText: 'systemd 219 unit' }).first().click({ timeout: 10000 }).catch(() => {});
    await poll(async () => (await editorText(page)).includes('ExecStart='), 15000);
    await page.locator('.editor-group-container').first().click({ position: { x: 300, y: 400 } }).catch(() => {});
    await hoverWord(page, 'Required-Start: $local_fs $remote_fs $network', '$network', (t) => t.includes('systemd 219'));
    await sleep(400);
    await shot(page, 'sd-00-readme.png');
  }
}

async function main() {
  const t0 = Date.now();
  fs.mkdirSync(SHOTS, { recursive: true });
  const consoleLog = fs.createWriteStream(path.join(STATE, 'systemd-ui-console.log'));
  const context = await launchBrowser(path.join(STATE, 'chromium-sd'), { width: 1600, height: 1000 });
  const page = context.pages()[0] || (await context.newPage());
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
  try {
    await page.goto(`${URL_BASE}/?folder=${encodeURIComponent(WS)}`, { waitUntil: 'domcontentloaded' });
    const wb = await page.locator('.monaco-workbench .part.editor').first().waitFor({ state: 'visible', timeout: 60000 }).then(() => true, (e) => e.message);
    record('(S) workbench loads', wb === true, wb === true ? '' : wb);
    if (wb === true) await systemdPart(page);
  } catch (e) {
    record('(S) systemd part ran to the end', false, e.stack || e.message);
    await shot(page, 'sd-99-error.png');
  } finally {
    const passed = checks.filter((c) => c.ok).length;
    const failed = checks.length - passed;
    fs.writeFileSync(path.join(SHOTS, 'systemd-results.json'), JSON.stringify({ suite: 'systemd-ui', passed, failed, durationMs: Date.now() - t0, checks }, null, 2) + '\n');
    console.log(`# (S) systemd: ${passed} passed, ${failed} failed in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    await context.close().catch(() => {});
    consoleLog.end();
    process.exitCode = failed ? 1 : 0;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
