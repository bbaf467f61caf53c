/**
 * haresources checks on the file alone (the cross-file ones are in `workspace.ts`).
 *
 * @see spec/checks.md "haresources", spec/domain.md §6.5
 */
import { range, type RawProblem } from '../../core/types';
import { checkIpaddrResource } from '../ipaddr';
import { strictIpv4 } from '../ipaddr/address';
import type { HaresourcesModel } from './parse';
import { findAgent } from './spec';

export function checkHaresources(model: HaresourcesModel, lineText: (line: number) => string): RawProblem[] {
  const out: RawProblem[] = [];
  for (const b of model.brokenContinuations) {
    const text = lineText(b.line);
    out.push({
      code: 'haresources/blank-after-backslash', range: range(b.line, b.column, text.length),
      message: "Blanks after the '\\' break the continuation: heartbeat reads the next line as a group of its own and its first word as a node name. Remove the blanks.",
      fixes: [{ code: 'haresources/blank-after-backslash', title: "Remove the blanks after '\\'", edits: [{ range: range(b.line, b.column + 1, text.length), newText: '' }], preferred: true }],
    });
  }
  const keys = new Map<string, number>();
  for (const g of model.groups) {
    const first = g.resources[0];
    if (first) {
      const earlier = keys.get(first.token.text);
      if (earlier !== undefined) {
        out.push({
          code: 'haresources/duplicate-group-key', range: range(first.token.line, first.token.start, first.token.end),
          message: `'${first.token.text}' is already the first resource (the group key) of the group on line ${earlier + 1}; group keys must be unique. Put another resource first or merge the groups.`,
        });
      } else {
        keys.set(first.token.text, first.token.line);
      }
    }
    for (const r of g.resources) {
      if (r.bareAddress || ((r.name === 'IPaddr' || r.name === 'IPaddr2') && r.args[0] && r.args[0].text.length > 0)) {
        const a = r.args[0]!;
        out.push(...checkIpaddrResource(r.bareAddress ? 'bare' : (r.name as 'IPaddr' | 'IPaddr2'), { text: a.text, range: range(a.line, a.start, a.end) }));
        // A valid address with no /nbits at all (`10.0.0.5/` is an invalid prefix, reported above).
        if (!a.text.includes('/') && strictIpv4(a.text)) {
          out.push({
            code: 'haresources/ip-without-netmask', range: range(a.line, a.start, a.end),
            message: `${a.text} has no /nbits: the netmask and interface come from the routing table at takeover, and with only a default route it fails ("Cannot use default route w/o netmask"). Give them: '${a.text}/NBITS/NIC' (e.g. /24/eth0).`,
          });
        }
      }
      const agent = findAgent(r.name);
      if (!agent) continue;
      const given = r.args.filter((a) => a.text.length > 0).length;
      if (given < agent.minArgs) {
        out.push({
          code: 'haresources/missing-resource-args', range: range(r.token.line, r.token.start, r.token.end),
          message: `${agent.name} needs ${agent.minArgs} argument${agent.minArgs === 1 ? '' : 's'} (${agent.name}::${agent.args}); with ${given} it prints its usage and fails at takeover.`,
        });
      }
    }
  }
  return out;
}
