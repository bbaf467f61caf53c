'use strict';
// Shared helpers for the Chromium-driven parts of the e2e harness (ui.test.js,
// ext-tests/run-ext-tests.js). Plain CommonJS; playwright-core comes from the
// e2e cache (see setup.sh), never from the repository's node_modules.

const fs = require('fs');
const os = require('os');
const path = require('path');

const CACHE = process.env.SYSV_HA_E2E_CACHE || path.join(os.homedir(), '.cache', 'sysv-ha-e2e');

function loadPlaywright() {
  const p = path.join(CACHE, 'tools', 'node_modules', 'playwright-core');
  return require(p);
}

// Flags for a Chromium that must not touch the network (the machine has none
// beyond the package registries).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

async function launchBrowser(profileDir, viewport) {
  const { chromium } = loadPlaywright();
  fs.mkdirSync(profileDir, { recursive: true });
  return chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.SYSV_HA_E2E_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: viewport || { width: 1600, height: 1000 },
  });
}

function requireEnv(name) {
  const v = process.env[name];
  if (!v) {
    console.error(`missing environment variable ${name} (run this through test/e2e/run.sh)`);
    process.exit(2);
  }
  return v;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = { CACHE, loadPlaywright, launchBrowser, requireEnv, sleep };
