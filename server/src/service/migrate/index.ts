/**
 * Migration of a heartbeat v1 cluster (ha.cf + haresources + authkeys + resource.d) to
 * Corosync 3 + Pacemaker: the service's entry points. Pure over a `WorkspaceHost`; the CLI
 * writes the files, the editor opens them as untitled documents.
 */
import type { LanguageId, WorkspaceHost } from '../core/language';
import { range, type CodeLensEntry } from '../core/types';
import type { Resource } from '../languages/haresources/parse';
import { agentName } from './agents';
import { renderCib } from './cib';
import { renderCorosync } from './corosync';
import { renderCrm } from './crm';
import type { ClusterPlan } from './plan';
import { renderPcs } from './pcs';
import { renderReadme } from './report';
import { readHaDir, readHaFiles, translate, translateOne, type MigrateOptions } from './translate';

export type { ClusterPlan, Note, NoteKind, ResourceTranslation } from './plan';
export { addressesKnown, planCounts } from './plan';
export { planJson, renderPlanText, renderReadme } from './report';
export { PLACEHOLDER_PREFIX, placeholder } from './corosync';
export { CIB_FEATURE_SET, CIB_VALIDATE_WITH } from './cib';
export { RESOURCE_MAPPINGS, STONITH_PARAMS, agentName, findMapping, splitIpaddrArg } from './agents';
export { readHaDir, readHaFiles, translate, type HaFiles, type MigrateOptions } from './translate';

/** The files `--out` writes, by name, in the order they are listed. */
export const OUTPUT_FILES = ['corosync.conf', 'cib.xml', 'pcs.sh', 'crm.txt', 'README.md'] as const;
export type OutputName = (typeof OUTPUT_FILES)[number];

export interface Migration {
  plan: ClusterPlan;
  files: Record<OutputName, string>;
}

export function render(plan: ClusterPlan): Record<OutputName, string> {
  return {
    'corosync.conf': renderCorosync(plan),
    'cib.xml': renderCib(plan),
    'pcs.sh': renderPcs(plan),
    'crm.txt': renderCrm(plan),
    'README.md': renderReadme(plan),
  };
}

/** Migrates the heartbeat cluster of an image root (`ROOT/etc/ha.d`); undefined without an ha.cf there. */
export function migrateRoot(root: string, host: WorkspaceHost, options: MigrateOptions): Migration | undefined {
  const files = readHaFiles(root, host);
  if (!files) return undefined;
  const plan = translate(files, host, options);
  return { plan, files: render(plan) };
}

/**
 * Migrates the cluster a heartbeat file belongs to: its own directory, and the image root
 * when the file is at `ROOT/etc/ha.d/NAME`. Undefined when there is no ha.cf beside it.
 */
export function migrateForFile(path: string, host: WorkspaceHost, options: MigrateOptions): Migration | undefined {
  const p = path.replace(/\\/g, '/');
  const haDir = p.slice(0, Math.max(p.lastIndexOf('/'), 0)) || '/';
  const m = /^(.*)\/etc\/ha\.d$/.exec(haDir);
  const files = readHaDir(haDir, host, m ? m[1] || '/' : undefined);
  if (!files) return undefined;
  const plan = translate(files, host, options);
  return { plan, files: render(plan) };
}

/** The client command that migrates the cluster of a file (opens the results). */
export const MIGRATE_COMMAND = 'sysvHa.migrate';

/** "Migrate to Pacemaker…" on the first line of an ha.cf or a haresources. */
export function migrationLenses(language: LanguageId, path: string): CodeLensEntry[] {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (!((language === 'hacf' && name === 'ha.cf') || (language === 'haresources' && name === 'haresources'))) return [];
  return [{ range: range(0, 0, 0), title: 'Migrate to Pacemaker…', command: { id: MIGRATE_COMMAND, args: [path] } }];
}

/** Hover text: the Pacemaker agent and parameters a haresources resource becomes. */
export function resourceHover(r: Resource, path: string | undefined, host: WorkspaceHost | undefined): string {
  const m = path ? /^(.*)\/etc\/ha\.d\/haresources$/.exec(path.replace(/\\/g, '/')) : null;
  const t = translateOne(r, m ? m[1] || '/' : undefined, host);
  if (!t.primitive) return `**In Pacemaker:** not translated by \`sysv-ha migrate\`: ${t.why ?? 'no equivalent'}`;
  const p = t.primitive;
  const params = p.params.length ? ` with ${p.params.map(([n, v]) => `\`${n}=${v}\``).join(', ')}` : '';
  const what = t.clone ? `a promotable clone of \`${agentName(p.agent)}\`${params}; the group runs where it is promoted` : `\`${agentName(p.agent)}\`${params}, in the group of this line`;
  return `**In Pacemaker:** ${what} (\`sysv-ha migrate\`, docs/migration.md).`;
}
