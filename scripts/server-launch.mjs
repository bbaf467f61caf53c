// How editors start the built server: the node flags and environment the build copied into
// DIST/server-launch.json (from server/src/lsp/serverLaunch.json). Shared by the bench and the
// fuzzer's LSP slice, so both run the server as users get it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `found` is false (and nothing is added) when the build has no launch file. */
export function serverLaunch(distDir) {
  const file = join(distDir, 'server-launch.json');
  if (!existsSync(file)) return { file, found: false, nodeFlags: [], env: {} };
  const { nodeFlags, env } = JSON.parse(readFileSync(file, 'utf8'));
  return { file, found: true, nodeFlags, env };
}
