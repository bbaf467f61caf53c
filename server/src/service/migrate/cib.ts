/**
 * The Pacemaker CIB (XML) from the plan. `validate-with="pacemaker-3.7"` and
 * `crm_feature_set="3.9.0"` are those of Pacemaker 2.1.0, the first with the Promoted role
 * names: any Pacemaker 2.1.x takes the file (a feature set newer than the running
 * Pacemaker's would make it discard updates). Comments go where a heartbeat construct
 * was not translated.
 *
 * @see Pacemaker Explained 2.1 (CIB), `crm_verify -x FILE -V`
 */
import { xmlAttr, xmlComment } from './ids';
import type { Clone, ClusterPlan, Constraint, Group, Primitive, Property } from './plan';
import { orderedResources } from './translate';

export const CIB_VALIDATE_WITH = 'pacemaker-3.7';
export const CIB_FEATURE_SET = '3.9.0';

const a = xmlAttr;

function comment(indent: string, text: string): string {
  return `${indent}<!-- ${xmlComment(text)} -->`;
}

/** Name/value pairs (`[name, value]`, or properties with a comment each) as one nvpair set. */
function nvset(tag: string, id: string, pairs: readonly (readonly [string, string] | Property)[], indent: string): string[] {
  if (pairs.length === 0) return [];
  const out = [`${indent}<${tag} id="${a(id)}">`];
  for (const p of pairs) {
    const [n, v, c] = 'name' in p ? [p.name, p.value, p.comment] : [p[0], p[1], undefined];
    if (c) out.push(comment(`${indent}  `, c));
    out.push(`${indent}  <nvpair id="${a(`${id}-${n}`)}" name="${a(n)}" value="${a(v)}"/>`);
  }
  out.push(`${indent}</${tag}>`);
  return out;
}

/** A section of nvpair sets (`crm_config`, `rsc_defaults`) holding one set; nothing when it is empty. */
function section(tag: string, setTag: string, id: string, props: readonly Property[]): string[] {
  if (props.length === 0) return [];
  return [`    <${tag}>`, ...nvset(setTag, id, props, '      '), `    </${tag}>`];
}

function primitive(p: Primitive, indent: string): string[] {
  const out = p.comments.map((c) => comment(indent, c));
  const provider = p.agent.provider ? ` provider="${a(p.agent.provider)}"` : '';
  out.push(`${indent}<primitive id="${a(p.id)}" class="${p.agent.cls}"${provider} type="${a(p.agent.type)}">`);
  out.push(...nvset('instance_attributes', `${p.id}-instance_attributes`, p.params, `${indent}  `));
  out.push(...nvset('meta_attributes', `${p.id}-meta_attributes`, p.meta, `${indent}  `));
  out.push(`${indent}  <operations>`);
  for (const op of p.ops) {
    const role = op.role ? ` role="${op.role}"` : '';
    out.push(`${indent}    <op id="${a(`${p.id}-${op.name}-interval-${op.interval}${op.role ? `-${op.role}` : ''}`)}" name="${op.name}" interval="${op.interval}" timeout="${op.timeout}"${role}/>`);
  }
  out.push(`${indent}  </operations>`);
  out.push(`${indent}</primitive>`);
  return out;
}

function group(g: Group, indent: string): string[] {
  const out = g.comments.map((c) => comment(indent, c));
  out.push(`${indent}<group id="${a(g.id)}">`);
  for (const m of g.members) out.push(...primitive(m, `${indent}  `));
  for (const t of g.trailing) out.push(comment(`${indent}  `, t));
  out.push(`${indent}</group>`);
  return out;
}

function clone(c: Clone, indent: string): string[] {
  const out = c.comments.map((x) => comment(indent, x));
  out.push(`${indent}<clone id="${a(c.id)}">`);
  out.push(...nvset('meta_attributes', `${c.id}-meta_attributes`, c.meta, `${indent}  `));
  out.push(...primitive(c.primitive, `${indent}  `));
  out.push(`${indent}</clone>`);
  return out;
}

function constraint(c: Constraint, indent: string): string[] {
  const out = c.comments.map((x) => comment(indent, x));
  switch (c.kind) {
    case 'location':
      out.push(`${indent}<rsc_location id="${a(c.id)}" rsc="${a(c.rsc)}" node="${a(c.node)}" score="${a(c.score)}"/>`);
      break;
    case 'location-rule': {
      out.push(`${indent}<rsc_location id="${a(c.id)}" rsc="${a(c.rsc)}">`);
      const score = c.scoreAttribute ? ` score-attribute="${a(c.scoreAttribute)}"` : ` score="${a(c.score ?? '0')}"`;
      out.push(`${indent}  <rule id="${a(`${c.id}-rule`)}"${c.role ? ` role="${c.role}"` : ''}${score}>`);
      c.exprs.forEach((e, i) => {
        const value = e.value !== undefined ? ` value="${a(e.value)}"` : '';
        out.push(`${indent}    <expression id="${a(`${c.id}-rule-expr${i ? `-${i}` : ''}`)}" attribute="${a(e.attribute)}" operation="${e.operation}"${value}/>`);
      });
      out.push(`${indent}  </rule>`);
      out.push(`${indent}</rsc_location>`);
      break;
    }
    case 'colocation':
      out.push(`${indent}<rsc_colocation id="${a(c.id)}" rsc="${a(c.rsc)}" with-rsc="${a(c.withRsc)}"${c.withRole ? ` with-rsc-role="${c.withRole}"` : ''} score="${a(c.score)}"/>`);
      break;
    case 'order':
      out.push(`${indent}<rsc_order id="${a(c.id)}" first="${a(c.first)}" first-action="${c.firstAction}" then="${a(c.then)}" then-action="${c.thenAction}" kind="${c.kindOf}"/>`);
      break;
  }
  return out;
}

export function renderCib(plan: ClusterPlan): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  for (const h of plan.header) out.push(comment('', h));
  out.push(comment('', 'Load it on one node of the running cluster with pcs cluster cib-push (see README.md).'));
  out.push(`<cib validate-with="${CIB_VALIDATE_WITH}" crm_feature_set="${CIB_FEATURE_SET}" epoch="1" num_updates="0" admin_epoch="0">`);
  out.push('  <configuration>');
  out.push(...section('crm_config', 'cluster_property_set', 'cib-bootstrap-options', plan.properties));
  // The nodes section is Pacemaker's to fill from Corosync's membership (with the nodeids of
  // corosync.conf): nodes listed here without a status would be "unclean" to crm_verify.
  out.push('    <nodes/>');
  const rs = orderedResources(plan);
  if (rs.length === 0) {
    out.push('    <resources/>');
  } else {
    out.push('    <resources>');
    for (const r of rs) out.push(...(r.kind === 'primitive' ? primitive(r, '      ') : r.kind === 'group' ? group(r, '      ') : clone(r, '      ')));
    out.push('    </resources>');
  }
  if (plan.constraints.length === 0) {
    out.push('    <constraints/>');
  } else {
    out.push('    <constraints>');
    for (const c of plan.constraints) out.push(...constraint(c, '      '));
    out.push('    </constraints>');
  }
  out.push(...section('rsc_defaults', 'meta_attributes', 'rsc-options', plan.rscDefaults));
  out.push('  </configuration>');
  out.push('  <status/>');
  out.push('</cib>');
  return `${out.join('\n')}\n`;
}
