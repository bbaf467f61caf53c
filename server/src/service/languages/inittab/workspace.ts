/**
 * inittab against the image root it lives in (spec/checks.md `workspace/inittab-rc-missing`):
 * an entry that runs a script under /etc/ (the rc driver, rcS) that the root does not have.
 */
import type { WorkspaceHost } from '../../core/language';
import { range, type RawProblem } from '../../core/types';
import type { InittabFacts } from './checks';
import type { InittabModel } from './parse';

/** The image root of `ROOT/etc/inittab`, or undefined for an inittab elsewhere. */
function rootOf(path: string): string | undefined {
  const m = /^(.*)\/etc\/inittab$/.exec(path);
  return m ? m[1]! : undefined;
}

export function checkInittabWorkspace(path: string, model: InittabModel, facts: InittabFacts, host: WorkspaceHost): RawProblem[] {
  const root = rootOf(path);
  if (root === undefined) return [];
  // Only a whole image can miss a file: a rootfs overlay or a configuration repository holds
  // just the files it changes (etc/inittab and a few init scripts), the rest comes from elsewhere.
  if (!host.listDir(`${root}/sbin`)?.includes('init') && !host.listDir(`${root}/bin`)?.includes('sh')) return [];
  const out: RawProblem[] = [];
  const reported = new Set<string>();
  for (const e of model.entries) {
    if (!facts.accepted.has(e) || !e.process || e.action?.text === 'off') continue;
    // The program is the first word; BusyBox `-` (login shell) and sysvinit `+` prefixes are not part of it.
    const m = /^([-+]?)(\/etc\/[^\s;&|<>#'"`$]+)/.exec(e.process.text);
    if (!m) continue;
    const program = m[2]!;
    const dir = program.slice(0, program.lastIndexOf('/'));
    // Only when the root has the script's folder: a tree holding just etc/inittab proves nothing.
    if (reported.has(program) || !host.stat(`${root}${dir}`)?.isDirectory || host.stat(`${root}${program}`)) continue;
    reported.add(program); // one problem: on the first entry that runs it
    const start = e.process.start + m[1]!.length;
    out.push({
      code: 'workspace/inittab-rc-missing', range: range(e.line, start, start + program.length),
      message: `${program} is not in this image (${dir}/ is, without it): init would run nothing for this entry. Add the script, or fix the path.`,
    });
  }
  return out;
}
