/**
 * What only the migration knows about a haresources file: resources Pacemaker cannot run as
 * they are (codes `pacemaker/...`, severity information: heartbeat runs them; they are advice
 * for the move). Called by the haresources module; silent when the CRM is on (heartbeat ignores
 * the file then) and, for the checks that need scripts, without an image root to look in.
 */
import type { WorkspaceHost } from '../core/language';
import { range, type RawProblem } from '../core/types';
import type { HaresourcesModel } from '../languages/haresources/parse';
import { findAgent } from '../languages/haresources/spec';
import { resolveScript, type HaresourcesContext } from '../languages/haresources/workspace';
import { findMapping } from './agents';
import './problems';

export function checkMigration(model: HaresourcesModel, ws: HaresourcesContext | undefined, host: WorkspaceHost | undefined): RawProblem[] {
  const out: RawProblem[] = [];
  if (ws?.hacf?.facts.crm) return out;
  for (const g of model.groups) {
    for (const r of g.resources) {
      if (r.bareAddress) continue;
      const args = r.args.filter((a) => a.text.length > 0);
      const name = r.nameToken;
      if (r.name === 'Filesystem' && args.length === 2) {
        const end = r.token.end;
        out.push({
          code: 'pacemaker/filesystem-no-fstype', range: range(r.token.line, r.token.start, end),
          message: `No file system type: heartbeat let mount guess it, but Pacemaker's Filesystem agent requires fstype (pcs: "required resource option 'fstype' is missing"). Add it: ${r.token.text}::ext4 (the type of ${args[0]!.text}).`,
        });
        continue;
      }
      if (r.name === 'drbddisk' && args.length === 0) {
        out.push({
          code: 'pacemaker/drbddisk-all', range: range(name.line, name.start, name.end),
          message: "drbddisk without a resource name acts on every DRBD resource; Pacemaker's ocf:linbit:drbd manages one resource per clone. Name them: drbddisk::r0 (one per resource).",
        });
        continue;
      }
      if (!ws || !host || findAgent(r.name) || findMapping(r.name) || r.name === 'drbddisk' || r.name.length === 0) continue;
      const script = resolveScript(r.name, ws, host);
      if (!script) continue;
      if (/\/etc\/ha\.d\/resource\.d\/[^/]+$/.test(script)) {
        out.push({
          code: 'pacemaker/no-agent', range: range(name.line, name.start, name.end),
          message: `${script} is a heartbeat resource script, not an OCF, LSB or systemd agent, so Pacemaker cannot run it and sysv-ha migrate leaves it out. Before migrating, turn it into an OCF agent (or an LSB init script in init.d).`,
          related: [{ path: script, range: range(0, 0, 0), message: `the resource script of '${r.name}'` }],
        });
      } else if (args.length > 0) {
        out.push({
          code: 'pacemaker/init-script-args', range: range(r.token.line, name.end, r.token.end),
          message: `heartbeat runs '${r.name} ${args.map((a) => a.text).join(' ')} start', but Pacemaker's lsb and systemd classes pass no arguments: sysv-ha migrate leaves it out. Put the arguments in the script (or a unit) and use it without '::'.`,
          related: [{ path: script, range: range(0, 0, 0), message: `the init script of '${r.name}'` }],
        });
      }
    }
  }
  return out;
}
