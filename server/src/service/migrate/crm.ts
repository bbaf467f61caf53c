/**
 * The same configuration in crmsh's configure language (crmsh 4.4), for
 * `crm configure load update crm.txt`. Values are quoted as crmsh's shlex reads them.
 */
import { agentName, type OpSpec } from './agents';
import { commentText, crmQuote } from './ids';
import type { Clone, ClusterPlan, Constraint, Group, Primitive } from './plan';
import { orderedResources } from './translate';

const q = crmQuote;

function ops(list: readonly OpSpec[]): string {
  return list.map((o) => ` op ${o.name} interval=${o.interval} timeout=${o.timeout}${o.role ? ` role=${o.role}` : ''}`).join('');
}

function comments(list: readonly string[]): string[] {
  return list.map((c) => `# ${commentText(c)}`);
}

function primitive(p: Primitive): string[] {
  const params = p.params.length ? ` params ${p.params.map(([n, v]) => `${n}=${q(v)}`).join(' ')}` : '';
  const meta = p.meta.length ? ` meta ${p.meta.map(([n, v]) => `${n}=${q(v)}`).join(' ')}` : '';
  return [...comments(p.comments), `primitive ${p.id} ${agentName(p.agent)}${params}${ops(p.ops)}${meta}`];
}

function group(g: Group): string[] {
  const out: string[] = [];
  for (const m of g.members) out.push(...primitive(m));
  out.push(...comments(g.trailing), ...comments(g.comments), `group ${g.id} ${g.members.map((m) => m.id).join(' ')}`);
  return out;
}

function clone(c: Clone): string[] {
  const meta = c.meta.length ? ` meta ${c.meta.map(([n, v]) => `${n}=${q(v)}`).join(' ')}` : '';
  return [...primitive(c.primitive), ...comments(c.comments), `clone ${c.id} ${c.primitive.id}${meta}`];
}

function constraint(c: Constraint): string[] {
  const out = comments(c.comments);
  switch (c.kind) {
    case 'location':
      out.push(`location ${c.id} ${c.rsc} ${c.score}: ${q(c.node)}`);
      break;
    case 'location-rule': {
      const score = c.scoreAttribute ?? c.score ?? '0';
      const exprs = c.exprs.map((e) => (e.operation === 'defined' || e.operation === 'not_defined' ? `${e.operation} ${e.attribute}` : `${e.attribute} ${e.operation} ${q(e.value ?? '')}`)).join(' and ');
      out.push(`location ${c.id} ${c.rsc} rule${c.role ? ` $role=${c.role}` : ''} ${score}: ${exprs}`);
      break;
    }
    case 'colocation':
      out.push(`colocation ${c.id} ${c.score}: ${c.rsc} ${c.withRsc}${c.withRole ? `:${c.withRole}` : ''}`);
      break;
    case 'order':
      out.push(`order ${c.id} ${c.kindOf}: ${c.first}:${c.firstAction} ${c.then}:${c.thenAction}`);
      break;
  }
  return out;
}

export function renderCrm(plan: ClusterPlan): string {
  const out: string[] = [...comments(plan.header), '# Load on one node of the running cluster: crm configure load update crm.txt', ''];
  for (const p of plan.properties) out.push(...comments(p.comment ? [p.comment] : []), `property ${p.name}=${q(p.value)}`);
  for (const p of plan.rscDefaults) out.push(...comments(p.comment ? [p.comment] : []), `rsc_defaults rsc-options: ${p.name}=${q(p.value)}`);
  out.push('');
  for (const r of orderedResources(plan)) out.push(...(r.kind === 'primitive' ? primitive(r) : r.kind === 'group' ? group(r) : clone(r)), '');
  for (const c of plan.constraints) out.push(...constraint(c));
  return `${out.join('\n')}\n`;
}
