/**
 * Migration of a heartbeat v1 cluster (ha.cf + haresources + authkeys + resource.d) to
 * Corosync 3 + Pacemaker: the service's entry points. Pure over a `WorkspaceHost`; the CLI
 * writes the files, the editor opens them as untitled documents.
 */
import type { WorkspaceHost } from '../core/language';
import { renderCib } from './cib';
import { renderCorosync } from './corosync';
import { renderCrm } from './crm';
import type { ClusterPlan } from './plan';
import { renderPcs } from './pcs';
import { renderReadme } from './report';
import { readHaDir, readHaFiles, translate, type MigrateOptions } from './translate';

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
