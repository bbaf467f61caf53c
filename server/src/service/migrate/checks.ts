/**
 * What only the migration knows about a haresources file: resources Pacemaker cannot run as
 * they are (codes `pacemaker/...`, severity information: heartbeat runs them; they are advice
 * for the move). Called by the haresources module; silent when the CRM is on (heartbeat ignores
 * the file then) and, for the checks that need scripts, without an image root to look in.
 */
import type { WorkspaceHost } from '../core/language';
import { range, type RawProblem } from '../core/types';
import type { HaresourcesModel, Token } from '../languages/haresources/parse';
import { findAgent } from '../languages/haresources/spec';
import { resolveScript, type HaresourcesContext } from '../languages/haresources/workspace';
import { findMapping, splitIpaddrArg } from './agents';
import { heartbeatIpaddr, ipaddr2Refusal, ipaddrPrefixForIpaddr2 } from './ipaddr2';
import './problems';

export function checkMigration(model: HaresourcesModel, ws: HaresourcesContext | undefined, host: WorkspaceHost | undefined): RawProblem[] {
  const out: RawProblem[] = [];
  if (ws?.hacf?.facts.crm) return out;
  for (const g of model.groups) {
    for (const r of g.resources) {
      const args = r.bareAddress ? [r.token] : r.args.filter((a) => a.text.length > 0);
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
      if (r.name === 'IPaddr' && args.length === 1) {
        const p = ipaddr2Problem(args[0]!);
        if (p) out.push(p);
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

/**
 * An IPaddr (or bare address) argument heartbeat's IPaddr takes and IPaddr2 refuses, on the
 * part it refuses. The parameters are those the translation gives IPaddr2 (a nic alias becomes
 * the plain nic, `08` and a contiguous dotted mask the prefix heartbeat used).
 */
function ipaddr2Problem(arg: Token): RawProblem | undefined {
  const p = splitIpaddrArg(arg.text);
  const nic = p.nic?.replace(/:.*/, '');
  if (!heartbeatIpaddr({ ip: p.ip, netmask: p.netmask, broadcast: p.broadcast }).takes) return undefined;
  const netmask = p.netmask === undefined ? undefined : ipaddrPrefixForIpaddr2(p.netmask);
  const refused = ipaddr2Refusal({ ip: p.ip, netmask, nic, broadcast: p.broadcast });
  if (!refused) return undefined;
  // The part as written: the address first, the netmask after it, the broadcast last.
  const part = refused.param === 'ip' ? p.ip : refused.param === 'netmask' ? p.netmask! : p.broadcast!;
  const at = refused.param === 'ip' ? 0 : refused.param === 'netmask' ? arg.text.indexOf(part, p.ip.length) : arg.text.lastIndexOf(part);
  const fix = refused.param === 'ip'
    ? 'Give an address whose first number is 1-255'
    : refused.param === 'netmask'
      ? `Give the prefix length (heartbeat's findif read '${part}' as /${heartbeatIpaddr({ ip: p.ip, netmask: p.netmask }).prefix})`
      : 'Leave the broadcast out (IPaddr2 computes it) or give the subnet\'s';
  return {
    code: 'pacemaker/ipaddr2-refuses', range: range(arg.line, arg.start + at, arg.start + at + part.length),
    message: `heartbeat's IPaddr takes '${part}', but Pacemaker's IPaddr2 refuses it ("${refused.message}"), so sysv-ha migrate leaves the resource out. ${fix}.`,
  };
}
