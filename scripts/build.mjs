// Bundles the extension client, the language server and the CLI with esbuild,
// and copies the tree-sitter wasm files next to them (loaded from disk, never downloaded).
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
mkdirSync('dist', { recursive: true });

// web-tree-sitter is not bundled as a module: its CommonJS build goes into the bundles as text
// (`__WEB_TREE_SITTER_CJS__`, whitespace removed), which server/src/service/shell/treeSitter.ts
// compiles once and evaluates once per parser runtime. Emscripten keeps the runtime (and its wasm
// memory, which only grows) in the module's closure: a new evaluation is the only way to let one
// go and start a fresh one in the same thread (`recycleBash`). The CommonJS build needs no ES
// module loader (the ES build got `createRequire` with `await import("module")`, which started
// Node's whole ES module loader, about 0.5 MB of the server's memory).
const webTreeSitterPath = require.resolve('web-tree-sitter');
const webTreeSitterText = readFileSync(webTreeSitterPath, 'utf8');
if (!webTreeSitterText.includes('module.exports = __toCommonJS(')) throw new Error(`${webTreeSitterPath}: not the CommonJS build treeSitter.ts evaluates (web-tree-sitter changed)`);
const webTreeSitterCjs = esbuild.transformSync(webTreeSitterText, { minifyWhitespace: true, loader: 'js', legalComments: 'none' }).code;
const serverShim = {
  define: { __WEB_TREE_SITTER_CJS__: JSON.stringify(webTreeSitterCjs) },
  plugins: [{
    // vscode-jsonrpc requires "crypto" when loaded, for pipe and socket names (never used with
    // --stdio, nor by the CLI) and random UUIDs. Loading it costs the server about 0.7 MB
    // (docs/performance.md, "Session 10, mem"): it is required on first use instead.
    name: 'vscode-jsonrpc-lazy-crypto',
    setup(build) {
      build.onLoad({ filter: /[\\/]vscode-jsonrpc[\\/]lib[\\/]node[\\/](main|ril)\.js$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const from = 'const crypto_1 = require("crypto");';
        if (!text.includes('require("crypto")')) return undefined;
        if (!text.includes(from)) throw new Error(`${args.path}: its crypto require is not the one made lazy (vscode-jsonrpc changed)`);
        return { contents: text.replace(from, 'const crypto_1 = new Proxy({}, { get: (_, name) => require("crypto")[name] });'), loader: 'js' };
      });
    },
  }, {
    // vscode-languageserver's file helpers require "child_process" when loaded, for resolving
    // global node modules (npm, yarn, fork), which the server never calls. Node's child_process
    // module loads about 20 internal modules (0.3 MB resident): it is required on first use
    // instead (the server's own `sh -n` check loads it when it first runs a shell).
    name: 'vscode-languageserver-lazy-child-process',
    setup(build) {
      build.onLoad({ filter: /[\\/]vscode-languageserver[\\/]lib[\\/]node[\\/]files\.js$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const from = 'const child_process_1 = require("child_process");';
        if (!text.includes(from)) throw new Error(`${args.path}: its child_process require is not the one made lazy (vscode-languageserver changed)`);
        return { contents: text.replace(from, 'const child_process_1 = new Proxy({}, { get: (_, name) => require("child_process")[name] });'), loader: 'js' };
      });
    },
  }],
};

// Only resolved as a fallback when dist/ has no wasm (never in the bundle).
const wasmExternals = ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/package.json'];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// How the server is started (server/src/lsp/serverLaunch.json, also used by the VS Code client):
// `sysv-ha lsp` gets the node flags and environment through a shell line that node reads as a
// string and a comment; the other commands get the CLI's flags. Set on the command line because
// newer V8s (Node 24) ignore some flags set at run time (--liftoff-only among them).
const launch = JSON.parse(readFileSync('server/src/lsp/serverLaunch.json', 'utf8'));
if (![...launch.nodeFlags, ...launch.cliNodeFlags].every((f) => /^--[a-z0-9-]+(=[a-z0-9]+)?$/.test(f))) throw new Error('serverLaunch.json: unexpected node flag');
if (!Object.entries(launch.env).every(([k, v]) => /^[A-Z_][A-Z0-9_]*$/.test(k) && /^[A-Za-z0-9_.-]+$/.test(v))) throw new Error('serverLaunch.json: unexpected variable');
const launchEnv = Object.entries(launch.env).map(([k, v]) => `${k}=${v} `).join('');
const cliShebang = [
  '#!/bin/sh',
  `":" //; case "$1" in lsp) ${launchEnv}exec node ${launch.nodeFlags.join(' ')} "$0" "$@";; esac; exec node ${launch.cliNodeFlags.join(' ')} "$0" "$@"`,
].join('\n');

// V8 keeps a script's whole source for as long as its functions live (lazy compilation,
// `Function.prototype.toString`): the development server bundle's 1.5 MB source was the largest
// object in the server's heap, a third of it indentation and line breaks. The language server and
// its parser worker are bundled without that whitespace in the development build too (names and
// the source map kept: stack traces still map to the TypeScript); the production build minifies
// everything (docs/performance.md, "Session 11, mem").
const serverSource = { minifyWhitespace: true };

const builds = [
  // The banner marks when VS Code starts loading the bundle, for the activation time the extension reports.
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], banner: { js: 'globalThis.__sysvHaLoadStart = performance.now();' } },
  { ...common, ...serverSource, ...serverShim, external: wasmExternals, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { ...common, ...serverShim, external: wasmExternals, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: cliShebang } },
  // The parser worker the server and the CLI start (server/src/service/shell/parserHost.ts).
  { ...common, ...serverSource, ...serverShim, external: wasmExternals, entryPoints: ['server/src/service/shell/parserWorker.ts'], outfile: 'dist/parserWorker.js' },
  // The check workers `sysv-ha check --jobs N` starts (server/src/cli/checkPool.ts).
  { ...common, ...serverShim, external: wasmExternals, entryPoints: ['server/src/cli/checkWorker.ts'], outfile: 'dist/checkWorker.js' },
];

// The wasm files are shipped once, in dist/, and located from there at run time.
const wasm = [
  [require.resolve('web-tree-sitter/web-tree-sitter.wasm'), 'dist/web-tree-sitter.wasm'],
  [join('node_modules', 'tree-sitter-bash', 'tree-sitter-bash.wasm'), 'dist/tree-sitter-bash.wasm'],
];
for (const [from, to] of wasm) copyFileSync(from, to);
const versions = ['web-tree-sitter', 'tree-sitter-bash'].map(
  (name) => `${name} ${JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')).version}`,
);
writeFileSync('dist/server-launch.json', `${JSON.stringify(launch)}\n`);
writeFileSync('dist/parser.info', `${versions.join('\n')}\nCopied from node_modules by scripts/build.mjs.\n`);

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  // V8 keeps a script's source as a two-byte string, twice its size, as soon as it holds one
  // non-ASCII character: the development server bundle (1.5 MB, whose comments esbuild keeps,
  // three of them with a '…') took 3 MB of the server's heap. esbuild escapes strings and
  // identifiers itself; what is left is in comments, where an escape reads the same.
  for (const b of builds) {
    const text = readFileSync(b.outfile, 'utf8');
    if (/[^\x00-\x7f]/.test(text)) writeFileSync(b.outfile, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  }
  // Runnable as it is (`dist/cli.js check …`), as npm makes it when it links the bin.
  chmodSync('dist/cli.js', 0o755);
}
