/**
 * The same configuration as `pcs` commands (pcs 0.11), run against a copy of the CIB and
 * pushed in one step. Every word is quoted for the shell (values come from the heartbeat
 * files and are not trusted). pcs checks each agent's parameters against its metadata, so the
 * script also fails early on a node where an agent is missing.
 */
import { agentName, type OpSpec } from './agents';
import { commentText, shQuote } from './ids';
import type { Clone, ClusterPlan, Constraint, Group, Primitive } from './plan';
import { orderedResources } from './translate';

const q = shQuote;

function ops(list: readonly OpSpec[]): string[] {
  const out: string[] = [];
  for (const o of list) {
    out.push('op', o.name, `interval=${o.interval}`, `timeout=${o.timeout}`);
    if (o.role) out.push(`role=${o.role}`);
  }
  return out;
}

function line(words: readonly string[]): string {
  return `pcs -f "$CIB" ${words.map(q).join(' ')}`;
}

function create(p: Primitive, tail: readonly string[]): string {
  const kind = p.agent.cls === 'stonith' ? ['stonith', 'create'] : ['resource', 'create'];
  const meta = p.meta.length ? ['meta', ...p.meta.map(([n, v]) => `${n}=${v}`)] : [];
  const noDefault = p.agent.cls === 'stonith' ? [] : ['--no-default-ops'];
  // pcs stonith create takes the agent without its 'stonith:' class.
  const agent = p.agent.cls === 'stonith' ? p.agent.type : agentName(p.agent);
  return line([...kind, p.id, agent, ...p.params.map(([n, v]) => `${n}=${v}`), ...noDefault, ...ops(p.ops), ...meta, ...tail]);
}

function comments(list: readonly string[]): string[] {
  return list.map((c) => `# ${commentText(c)}`);
}

function primitive(p: Primitive): string[] {
  return [...comments(p.comments), create(p, [])];
}

function group(g: Group): string[] {
  const out = comments(g.comments);
  for (const m of g.members) out.push(...comments(m.comments), create(m, ['--group', g.id]));
  out.push(...comments(g.trailing));
  return out;
}

function clone(c: Clone): string[] {
  const promotable = c.meta.some(([n, v]) => n === 'promotable' && v === 'true');
  const meta = c.meta.filter(([n]) => n !== 'promotable').map(([n, v]) => `${n}=${v}`);
  return [...comments(c.comments), ...comments(c.primitive.comments), create(c.primitive, [promotable ? 'promotable' : 'clone', c.id, ...meta])];
}

function constraint(c: Constraint): string[] {
  const out = comments(c.comments);
  switch (c.kind) {
    case 'location':
      out.push(line(['constraint', 'location', 'add', c.id, c.rsc, c.node, c.score]));
      break;
    case 'location-rule': {
      const score = c.scoreAttribute ? `score-attribute=${c.scoreAttribute}` : `score=${c.score ?? '0'}`;
      const exprs = c.exprs.flatMap((e, i) => [...(i > 0 ? ['and'] : []), ...(e.operation === 'defined' || e.operation === 'not_defined' ? [e.operation, e.attribute] : [e.attribute, e.operation, e.value ?? ''])]);
      out.push(line(['constraint', 'location', c.rsc, 'rule', `id=${c.id}-rule`, `constraint-id=${c.id}`, ...(c.role ? [`role=${c.role}`] : []), score, ...exprs]));
      break;
    }
    case 'colocation':
      out.push(line(['constraint', 'colocation', 'add', c.rsc, 'with', ...(c.withRole ? [c.withRole] : []), c.withRsc, c.score, `id=${c.id}`]));
      break;
    case 'order':
      out.push(line(['constraint', 'order', c.firstAction, c.first, 'then', c.thenAction, c.then, `kind=${c.kindOf}`, `id=${c.id}`]));
      break;
  }
  return out;
}

export function renderPcs(plan: ClusterPlan): string {
  const out: string[] = ['#!/bin/sh', ...comments(plan.header)];
  out.push(
    '# Run on one node of the running cluster (pcs 0.11): it edits a copy of the CIB, then pushes',
    '# the configuration in one step. CIB=FILE sysv-ha-pcs.sh edits FILE only (no push).',
    'set -eu',
    'if [ -n "${CIB:-}" ]; then PUSH=; else CIB=$(mktemp); PUSH=1; pcs cluster cib "$CIB"; fi',
    '',
  );
  for (const p of plan.properties) out.push(...comments(p.comment ? [p.comment] : []), line(['property', 'set', `${p.name}=${p.value}`]));
  for (const p of plan.rscDefaults) out.push(...comments(p.comment ? [p.comment] : []), line(['resource', 'defaults', 'update', `${p.name}=${p.value}`]));
  out.push('');
  for (const r of orderedResources(plan)) out.push(...(r.kind === 'primitive' ? primitive(r) : r.kind === 'group' ? group(r) : clone(r)), '');
  for (const c of plan.constraints) out.push(...constraint(c));
  out.push('', 'if [ -n "$PUSH" ]; then pcs cluster cib-push "$CIB" --config; rm -f "$CIB"; fi');
  return `${out.join('\n')}\n`;
}
