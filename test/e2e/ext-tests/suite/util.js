'use strict';
// Helpers shared by the extension-host suites (not a test file: index.js
// loads only *.test.js).

const vscode = require('vscode');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls fn() until it returns a truthy value; throws with `what` on timeout.
async function waitFor(what, fn, timeoutMs = 30000, everyMs = 200) {
  const end = Date.now() + timeoutMs;
  let last;
  let lastErr;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}` + (lastErr ? `; last error: ${lastErr.message}` : ''));
    }
    await sleep(everyMs);
  }
}

const codeOf = (d) => (d.code && typeof d.code === 'object' ? String(d.code.value) : d.code == null ? undefined : String(d.code));

function hoverText(hovers) {
  const parts = [];
  for (const h of hovers || []) {
    for (const c of h.contents || []) {
      parts.push(typeof c === 'string' ? c : c.value != null ? c.value : JSON.stringify(c));
    }
  }
  return parts.join('\n');
}

function flattenSymbols(symbols, out = []) {
  for (const s of symbols || []) {
    out.push(s);
    if (s.children) flattenSymbols(s.children, out);
  }
  return out;
}

const notSnippet = (item) => item.kind !== vscode.CompletionItemKind.Snippet;
const labelOf = (item) => (typeof item.label === 'string' ? item.label : item.label && item.label.label);

// Waits until the diagnostics of `uri` include every code in `codes`; returns
// them. On timeout the error lists the diagnostics there are.
async function diagnosticsWith(uri, codes, timeoutMs = 30000) {
  return waitFor(
    `diagnostics with codes ${codes.join(', ')} on ${uri.path}`,
    () => {
      const ds = vscode.languages.getDiagnostics(uri);
      return codes.every((c) => ds.some((d) => codeOf(d) === c)) ? ds : null;
    },
    timeoutMs,
  ).catch((e) => {
    const now = vscode.languages.getDiagnostics(uri).map((d) => `${d.source}:${codeOf(d)}@${d.range.start.line + 1}`);
    throw new Error(`${e.message}; diagnostics now: ${JSON.stringify(now)}`);
  });
}

// The document of the first visible editor whose URI has `scheme` (a virtual preview), once there is one.
function visibleDocument(scheme, timeoutMs = 20000) {
  return waitFor(`a visible editor with scheme ${scheme}`, () => {
    const e = vscode.window.visibleTextEditors.find((x) => x.document.uri.scheme === scheme);
    return e && e.document;
  }, timeoutMs);
}

module.exports = { sleep, waitFor, visibleDocument, codeOf, hoverText, flattenSymbols, notSnippet, labelOf, diagnosticsWith };
