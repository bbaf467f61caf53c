/** Entry point of the bundled server (`dist/server.js --stdio` or `--node-ipc`). */
import { setFlagsFromString } from 'node:v8';
import { startServer } from './server';

// Compile the bash grammar's wasm with the baseline compiler only: the first init script opens
// sooner and the server holds 17-25 MB less, with edits as fast (docs/performance.md). Editors
// pass it on the command line (serverLaunch.json): Node 24 ignores it when set here, and its
// optimizing compiler then takes the server past 500 MB for a moment on the first init script.
// A wasm tiering flag on the command line (an experiment: `--no-liftoff-only`) is left as given.
if (!process.execArgv.some((a) => /liftoff|wasm-tier|wasm-dynamic-tiering/.test(a))) setFlagsFromString('--liftoff-only');
startServer();
