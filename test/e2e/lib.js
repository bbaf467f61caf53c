'use strict';
// Shared helpers for the Chromium-driven parts of the e2e harness (ui.test.js,
// systemd-ui.test.js, ext-tests/run-ext-tests.js): the browser, and the page helpers both
// UI parts use (palette, hovers, code lenses, the Services view). Plain CommonJS; playwright-core comes from the
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


// What a part checks, printed as TAP-like lines as it goes; `checks` is what the part writes to its results file.
function recorder() {
  const checks = [];
  function record(name, ok, detail) {
    checks.push({ name, ok: !!ok, detail: detail == null ? '' : String(detail) });
    console.log(`${ok ? 'ok' : 'not ok'} - ${name}${detail ? ` (${String(detail).replace(/\s+/g, ' ').slice(0, 300)})` : ''}`);
  }
  return { checks, record };
}

// A screenshot into $E2E_SHOTS; a failed one is said, never fatal.
async function shot(page, name) {
  try {
    await page.screenshot({ path: path.join(requireEnv('E2E_SHOTS'), name) });
  } catch (e) {
    console.log(`# screenshot ${name} failed: ${e.message}`);
  }
}

// Polls fn() until it returns a truthy value or the time is up; returns the
// last value (falsy on timeout). Exceptions count as "not yet".
async function poll(fn, timeoutMs = 20000, everyMs = 250) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch {
      last = undefined;
    }
    if (Date.now() > end) return last;
    await sleep(everyMs);
  }
}

// Runs a command from the command palette by its label (e.g. "View: Close All
// Editor Groups").
async function runPalette(page, label) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 5000 });
  await input.fill(`>${label}`);
  const listed = await poll(async () => {
    const rows = await page.$$eval('.quick-input-widget .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') || e.textContent));
    return rows.length > 0 && (rows[0].includes(label) ? true : null);
  }, 5000);
  // Never run whatever else happens to be first.
  await page.keyboard.press(listed ? 'Enter' : 'Escape');
  if (!listed) console.log(`# command palette did not offer "${label}"`);
  await sleep(300);
  return !!listed;
}

// Screen rectangle of `word` on the first visible editor line that contains
// `lineIncludes`, measured with a DOM Range over the rendered text nodes (so it
// works whatever the tokenizer split the line into).
async function wordRect(page, lineIncludes, word) {
  return page.evaluate(
    ({ lineIncludes, word }) => {
      const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')];
      const line = lines.find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(lineIncludes));
      if (!line) return null;
      const nodes = [];
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let text = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n, start: text.length });
        text += n.nodeValue;
      }
      text = text.replace(/\u00a0/g, ' ');
      const at = text.indexOf(lineIncludes) + lineIncludes.indexOf(word);
      if (at < 0) return null;
      const locate = (off) => {
        for (let i = nodes.length - 1; i >= 0; i--) {
          if (nodes[i].start <= off) return [nodes[i].node, off - nodes[i].start];
        }
        return null;
      };
      const [sn, so] = locate(at);
      const [en, eo] = locate(at + word.length - 1);
      const r = document.createRange();
      r.setStart(sn, so);
      r.setEnd(en, eo + 1);
      const b = r.getBoundingClientRect();
      return { x: b.left, y: b.top, width: b.width, height: b.height };
    },
    { lineIncludes, word },
  );
}

// Text of the visible hover widgets.
async function hoverNow(page) {
  return page
    .$$eval('.monaco-hover', (els) =>
      els
        .filter((e) => e.offsetParent !== null && !e.classList.contains('hidden'))
        .map((e) => e.innerText)
        .join('\n'),
    )
    .catch(() => '');
}

// Moves the mouse over `word` on the first visible line containing
// `lineIncludes` and waits for a hover whose text satisfies want(text).
// Returns { text, ok }: text is the matching hover (or whatever hover was
// shown last), ok whether want() was satisfied.
async function hoverWord(page, lineIncludes, word, want, timeoutMs = 8000) {
  await page.mouse.move(5, 5);
  await sleep(150);
  let last = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await wordRect(page, lineIncludes, word);
    if (!r) {
      await sleep(500);
      continue;
    }
    await page.mouse.move(r.x + r.width / 2 - 2, r.y + r.height / 2);
    await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
    const text = await poll(async () => {
      const t = await hoverNow(page);
      if (t) last = t;
      return want(t) ? t : null;
    }, timeoutMs);
    if (text) return { text, ok: true };
    await page.mouse.move(5, 5);
  }
  return { text: last, ok: false };
}

// Titles of the code lenses rendered in any visible editor.
async function lensTitles(page) {
  return page.$$eval('.monaco-editor .codelens-decoration a', (els) => els.map((e) => e.textContent.trim())).catch(() => []);
}

// The Services (SysV init) pane of the Explorer (locator) and its rows.
const servicesPane = (page) => page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header', { hasText: 'Services (SysV init)' }) }).first();

async function servicesRows(page) {
  return servicesPane(page)
    .locator('.pane-body .monaco-list-row')
    .evaluateAll((els) =>
      els.map((e) => ({
        name: (e.querySelector('.label-name') || e).textContent.trim(),
        description: ((e.querySelector('.label-description') || {}).textContent || '').trim(),
        aria: e.getAttribute('aria-label') || '',
      })),
    )
    .catch(() => []);
}

// Drags the sash right of the side bar so that it is `width` px wide (the
// Services view's descriptions are long); best effort.
async function widenSidebar(page, width) {
  const box = await page.locator('.part.sidebar').boundingBox().catch(() => null);
  if (!box || box.width >= width) return;
  const sash = await page.evaluate((right) => {
    const s = [...document.querySelectorAll('.monaco-sash.vertical')]
      .map((e) => e.getBoundingClientRect())
      .find((b) => b.height > 200 && Math.abs(b.left + b.width / 2 - right) < 6);
    return s ? { x: s.left + s.width / 2, y: s.top + s.height / 2 } : null;
  }, box.x + box.width);
  if (!sash) return;
  await page.mouse.move(sash.x, sash.y);
  await page.mouse.down();
  await page.mouse.move(sash.x + (width - box.width) / 2, sash.y, { steps: 3 });
  await page.mouse.move(box.x + width, sash.y, { steps: 3 });
  await page.mouse.up();
}

module.exports = { CACHE, hoverNow, hoverWord, launchBrowser, lensTitles, loadPlaywright, poll, recorder, requireEnv, runPalette, servicesPane, servicesRows, shot, sleep, widenSidebar, wordRect };
