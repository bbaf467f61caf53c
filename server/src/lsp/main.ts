/** Entry point of the bundled server (`dist/server.js --stdio` or `--node-ipc`). */
import { startServer } from './server';

startServer();
