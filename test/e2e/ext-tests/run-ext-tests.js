'use strict';
// (B) Driver for the extension-host integration tests: opens a code-server
// started with `--vscode-option enable-smoke-test-driver` in Chromium, with a
// payload that loads the repository as a development extension and runs
// test/e2e/ext-tests/suite/index.js inside the real (Node) extension host.
// The workbench calls window.codeAutomationExit(code) when the tests are done.
//
// Environment (set by run.sh):
//   E2E_URL        http://127.0.0.1:<port> (the code-server with the smoke-test driver)
//   E2E_WS         workspace folder (a copy of <repo>/examples)
//   E2E_REPO       repository root (the tests are read from test/e2e/ext-tests there)
//   E2E_EXT_DEV    optional: the extension to load as extensionDevelopmentPath
//                  (run.sh passes the unpacked .vsix of this run); default E2E_REPO
//   E2E_STATE      state dir (Chromium profile, logs)
//   E2E_EXT_RESULTS  JSON file the suite writes its results to
//   E2E_TIMEOUT_MS optional, default 150000
//
// Exit code: the extension tests' exit code (0 = all passed), 124 on timeout.

const fs = require('fs');
const path = require('path');
const { launchBrowser, requireEnv } = require('../lib');

const URL_BASE = requireEnv('E2E_URL');
const WS = requireEnv('E2E_WS');
const REPO = requireEnv('E2E_REPO');
const EXT_DEV = process.env.E2E_EXT_DEV || REPO;
const STATE = requireEnv('E2E_STATE');
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 150000);

async function main() {
  const t0 = Date.now();
  const u = new URL(URL_BASE);
  const remote = (p) => `vscode-remote://${u.host}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(EXT_DEV)],
    ['extensionTestsPath', remote(path.join(REPO, 'test/e2e/ext-tests/suite/index.js'))],
  ];
  const url = `${URL_BASE}/?folder=${encodeURIComponent(WS)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  const consoleLog = fs.createWriteStream(path.join(STATE, 'ext-tests-console.log'));
  const context = await launchBrowser(path.join(STATE, 'chromium-ext'), { width: 1400, height: 900 });
  const page = context.pages()[0] || (await context.newPage());

  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationExit', (code) => {
    resolveExit(Number(code));
  });
  // The extension host's console (mocha's reporter included) is forwarded to
  // the page console; print the suite's lines, log everything.
  page.on('console', (m) => {
    const text = m.text();
    consoleLog.write(`[${m.type()}] ${text}\n`);
    for (const line of text.split('\n')) {
      const mm = /\[sysv-ha-e2e\] ?(.*)$/.exec(line);
      if (mm) console.log(mm[1]);
    }
  });
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));

  await page.goto(url, { waitUntil: 'domcontentloaded' });
  let timer;
  const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), TIMEOUT)));
  const code = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  if (code === 'timeout') {
    console.log(`# extension tests did not finish within ${TIMEOUT / 1000}s (see ${path.join(STATE, 'ext-tests-console.log')})`);
    await page.screenshot({ path: path.join(STATE, 'shots', 'ext-tests-timeout.png') }).catch(() => {});
  }
  console.log(`# extension tests exit code: ${code} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  await context.close().catch(() => {});
  consoleLog.end();
  return code === 'timeout' ? 124 : code;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
