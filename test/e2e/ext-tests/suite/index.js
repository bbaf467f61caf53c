'use strict';
// Mocha runner loaded by the extension host as `extensionTestsPath`.
// mocha is not a dependency of the repository: it lives in the e2e cache
// (test/e2e/setup.sh). The extension host inherits code-server's environment,
// so run.sh passes its location in SYSV_HA_E2E_MOCHA; SYSV_HA_E2E_CACHE (or
// the default cache dir of the real home) is the fallback.
//
// Every line it prints starts with "[sysv-ha-e2e] " so the driver can pick
// the suite's output out of the forwarded extension-host console. The results
// also go to the JSON file named by E2E_EXT_RESULTS.

const fs = require('fs');
const os = require('os');
const path = require('path');

function mochaPath() {
  const candidates = [];
  if (process.env.SYSV_HA_E2E_MOCHA) candidates.push(process.env.SYSV_HA_E2E_MOCHA);
  if (process.env.SYSV_HA_E2E_CACHE) candidates.push(path.join(process.env.SYSV_HA_E2E_CACHE, 'tools/node_modules/mocha'));
  candidates.push(path.join(os.homedir(), '.cache/sysv-ha-e2e/tools/node_modules/mocha'));
  const found = candidates.find((c) => fs.existsSync(path.join(c, 'package.json')));
  if (!found) throw new Error(`mocha not found; tried ${candidates.join(', ')} (run test/e2e/setup.sh)`);
  return found;
}

const say = (s) => console.log(`[sysv-ha-e2e] ${s}`);

function run() {
  return runMocha().catch((e) => {
    if (!e.testsFailed) say(`not ok - extension-host test runner: ${e.message}`);
    throw e;
  });
}

function runMocha() {
  let Mocha;
  try {
    Mocha = require(mochaPath());
  } catch (e) {
    return Promise.reject(e);
  }
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: function () {} });
  const dir = __dirname;
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(dir, f));
  }
  const results = { suite: 'ext-host', passed: 0, failed: 0, tests: [] };
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    let runner;
    try {
      runner = mocha.run();
    } catch (e) {
      reject(e);
      return;
    }
    runner.on('pass', (t) => {
      results.passed++;
      results.tests.push({ title: t.fullTitle(), ok: true, ms: t.duration });
      say(`ok - ${t.fullTitle()} (${t.duration} ms)`);
    });
    runner.on('fail', (t, err) => {
      results.failed++;
      const msg = (err && (err.message || String(err))) || 'failed';
      results.tests.push({ title: t.fullTitle(), ok: false, error: msg });
      say(`not ok - ${t.fullTitle()}`);
      for (const l of msg.split('\n').slice(0, 12)) say(`    ${l}`);
    });
    runner.on('end', () => {
      results.durationMs = Date.now() - t0;
      say(`# ext-host: ${results.passed} passed, ${results.failed} failed in ${(results.durationMs / 1000).toFixed(1)}s`);
      if (process.env.E2E_EXT_RESULTS) {
        try {
          fs.writeFileSync(process.env.E2E_EXT_RESULTS, JSON.stringify(results, null, 2) + '\n');
        } catch (e) {
          say(`# could not write ${process.env.E2E_EXT_RESULTS}: ${e.message}`);
        }
      }
      if (results.failed > 0 || results.passed === 0) {
        const e = new Error(`${results.failed} test(s) failed, ${results.passed} passed`);
        e.testsFailed = true;
        reject(e);
      }
      else resolve();
    });
  });
}

module.exports = { run };
