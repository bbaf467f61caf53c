/**
 * inittab editor features: completion, hover, symbols, code lenses and folding, all read
 * from the spec table (`spec.ts`) and the parsed model.
 */
import { commentFolding } from '../../core/folding';
import type { SourceText } from '../../core/text';
import { range, type CodeLensEntry, type CompletionEntry, type FoldingEntry, type HoverResult, type Position, type Range, type SymbolEntry } from '../../core/types';
import type { InittabFacts } from './checks';
import type { Entry, Field, InittabModel } from './parse';
import {
  LIMITS, OTHER_RUNLEVEL_DOCS, RUNLEVELS, SHELL_CHARS, actionsOf, fieldSpec, findAction,
  type ActionSpec, type Dialect, type FieldSpec,
} from './spec';

export interface InittabDoc {
  model: InittabModel;
  facts: InittabFacts;
  /** The file's path (for commands that need its image root). */
  path: string;
}

type FieldName = FieldSpec['name'];

/** The field under a column of an entry line (the column may be just past a field's end). */
function fieldAt(e: Entry, character: number): { name: FieldName; field: Field } | undefined {
  const fields: [FieldName, Field | undefined][] = [['id', e.id], ['runlevels', e.runlevels], ['action', e.action], ['process', e.process]];
  for (const [name, field] of fields) {
    if (field && character >= field.start && character <= field.end) return { name, field };
  }
  return undefined;
}

function entryAt(model: InittabModel, line: number): Entry | undefined {
  return model.entries.find((e) => e.line === line);
}

// ---------------------------------------------------------------------------------------
// Completion

export function complete(doc: InittabDoc, src: SourceText, position: Position): CompletionEntry[] {
  const { model } = doc;
  const text = src.lineText(position.line).replace(/\r$/, '');
  if (model.kinds[position.line] === 'comment') return [];
  const entry = entryAt(model, position.line);
  if (!entry) return [];
  const at = fieldAt(entry, position.character);
  if (!at) return [];
  const dialect = model.dialect;
  const fieldRange = range(position.line, at.field.start, at.field.end);

  if (at.name === 'action') {
    return actionsOf(dialect).map((a, i) => ({
      label: a.name, kind: 'keyword', detail: a.summary,
      edit: { range: fieldRange, newText: a.name },
      sortText: String(i).padStart(2, '0'),
      resolveKey: `action:${dialect}:${a.name}`,
    }));
  }
  if (at.name === 'runlevels') {
    if (dialect === 'busybox') return [];
    const typed = text.slice(at.field.start, at.field.end);
    const cursor = range(position.line, position.character, position.character);
    return RUNLEVELS.filter((r) => !typed.includes(r.char)).map((r, i) => ({
      label: r.char, kind: 'constant', detail: r.summary,
      edit: { range: cursor, newText: r.char },
      sortText: String(i).padStart(2, '0'),
      resolveKey: `runlevel:${r.char}`,
    }));
  }
  if (at.name === 'id' && dialect === 'busybox') {
    return ['console', 'tty1', 'tty2', 'ttyS0', 'ttyAMA0', 'null'].map((tty) => ({
      label: tty, kind: 'value', detail: tty === 'null' ? '/dev/null (no terminal)' : `/dev/${tty}`,
      edit: { range: fieldRange, newText: tty },
    }));
  }
  if (at.name === 'process' && entry.action) {
    const action = findAction(entry.action.text, dialect);
    return (action ? commandSuggestions(action, dialect, entry.runlevels?.text ?? '') : []).map((cmd) => ({
      label: cmd, kind: 'value', detail: `command for ${action!.name}`,
      edit: { range: fieldRange, newText: cmd },
    }));
  }
  return [];
}

/** Typical commands per action, as the distributions' own inittab files have them. */
function commandSuggestions(action: ActionSpec, dialect: Dialect, levels: string): string[] {
  const level = /^[0-6]$/.test(levels) ? levels : '3';
  if (dialect === 'busybox') {
    switch (action.name) {
      case 'sysinit': return ['/etc/init.d/rcS', '/bin/mount -a'];
      case 'respawn': return ['/sbin/getty -L console 0 vt100', '/sbin/getty 38400 tty1', '-/bin/sh'];
      case 'askfirst': return ['-/bin/sh'];
      case 'shutdown': return ['/etc/init.d/rcK', '/bin/umount -a -r', '/sbin/swapoff -a'];
      case 'restart': return ['/sbin/init'];
      case 'ctrlaltdel': return ['/sbin/reboot'];
      default: return [];
    }
  }
  switch (action.name) {
    case 'sysinit': return ['/etc/rc.d/rc.sysinit', '/etc/init.d/rcS'];
    case 'wait': return [`/etc/rc.d/rc ${level}`, `/etc/init.d/rc ${level}`];
    case 'respawn': return ['/sbin/mingetty tty1', '/sbin/agetty 38400 tty1 linux', '/sbin/getty 38400 tty1', '/sbin/agetty -L 115200 ttyS0 vt100'];
    case 'ctrlaltdel': return ['/sbin/shutdown -t3 -r now'];
    case 'powerfail': return ['/sbin/shutdown -f -h +2 "Power Failure; System Shutting Down"'];
    case 'powerokwait': return ['/sbin/shutdown -c "Power Restored; Shutdown Cancelled"'];
    case 'bootwait': return ['/etc/init.d/boot'];
    default: return [];
  }
}

/** Documentation for a completion entry, built only when the client asks (resolve). */
export function resolveCompletion(key: string): string | undefined {
  const [kind, a, b] = key.split(':');
  if (kind === 'action' && (a === 'sysvinit' || a === 'busybox') && b) {
    const action = findAction(b, a);
    return action ? actionMarkdown(action, a) : undefined;
  }
  if (kind === 'runlevel' && a) return runlevelMarkdown(a);
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Hover

export function hover(doc: InittabDoc, src: SourceText, position: Position): HoverResult | null {
  const { model, facts } = doc;
  const entry = entryAt(model, position.line);
  if (!entry) return null;
  const at = fieldAt(entry, position.character);
  if (!at) return null;
  const dialect = model.dialect;
  const action = entry.action ? findAction(entry.action.text, dialect) : undefined;
  const r = range(entry.line, at.field.start, at.field.end);
  const spec = fieldSpec(at.name);
  const fieldDoc = dialect === 'sysvinit' ? spec.sysvinit : spec.busybox;

  switch (at.name) {
    case 'id': {
      const parts = [fieldDoc];
      if (dialect === 'sysvinit' && entry.id.text === '~~') parts.push('`~~` is the id init uses for the single-user `sulogin` it adds by itself when no entry covers runlevel S; it may repeat.');
      if (dialect === 'busybox') parts.push(entry.id.text.length === 0 ? 'This entry runs on the **console**.' : `This entry runs on \`/dev/${entry.id.text.replace(/^\/dev\//, '')}\`.`);
      return { range: r, markdown: parts.join('\n\n') };
    }
    case 'runlevels': {
      if (dialect === 'busybox') return { range: r, markdown: fieldDoc };
      const parts: string[] = [];
      const c = src.lineText(entry.line)[position.character];
      const onChar = c !== undefined && position.character < at.field.end ? c : undefined;
      if (action?.name === 'initdefault' && facts.initdefault?.entry === entry) {
        parts.push(`**Boots into runlevel ${facts.initdefault.level}.** init takes the highest character of this field.`);
      } else if (action?.runlevels === 'ignored') {
        parts.push(`**Ignored** for \`${action.name}\`: it always runs at boot.`);
      }
      if (onChar) parts.push(runlevelMarkdown(onChar));
      else if (at.field.text.length === 0) parts.push(action?.runlevels === 'power' ? 'Empty: every level, S included (`S0123456789`).' : 'Empty: every level (`0123456789`).');
      parts.push(fieldDoc);
      return { range: onChar ? range(entry.line, position.character, position.character + 1) : r, markdown: parts.join('\n\n') };
    }
    case 'action': {
      if (!action) return { range: r, markdown: `${fieldDoc}\n\n\`${at.field.text}\` is not an action ${dialect === 'sysvinit' ? 'sysvinit' : 'BusyBox init'} knows: the line is skipped.` };
      return { range: r, markdown: actionMarkdown(action, dialect) };
    }
    case 'process':
      return { range: r, markdown: [processMarkdown(at.field, dialect), fieldDoc].join('\n\n') };
  }
}

function actionMarkdown(action: ActionSpec, dialect: Dialect): string {
  const text = dialect === 'sysvinit' ? action.sysvinit : action.busybox;
  const lines = [`**${action.name}** — ${action.summary}`, text ?? ''];
  const facts: string[] = [];
  if (action.waits !== null) facts.push(action.waits ? 'init waits for it' : 'init does not wait for it');
  if (dialect === 'sysvinit') {
    const use: Record<string, string> = {
      used: 'runs in the listed runlevels', ignored: 'runlevels field ignored', power: 'empty runlevels = all levels including S',
      ondemand: 'runlevels should hold a, b or c', initdefault: 'runlevels = the level to boot into', kbrequest: 'empty runlevels = all levels',
    };
    facts.push(use[action.runlevels]!);
  }
  if (action.respawns && dialect === 'sysvinit') {
    facts.push('**respawn rule:** 10 starts within 2 minutes and init logs `Id "x" respawning too fast: disabled for 5 minutes`; a program that forks into the background triggers it at once');
  }
  lines.push(facts.map((f) => `- ${f}`).join('\n'));
  lines.push(`*Source: ${action.source}*`);
  return lines.filter((l) => l.length > 0).join('\n\n');
}

function runlevelMarkdown(c: string): string {
  const spec = RUNLEVELS.find((r) => r.char === c.toUpperCase());
  if (spec) {
    const lower = c === 's' ? "\n\n⚠ A lower-case `s` in an inittab runlevels field never matches single-user mode (a bug in init's reader); write `S`." : '';
    return `**Runlevel ${spec.char}** — ${spec.summary}\n\n| Red Hat | Debian | Slackware | LSB |\n|---|---|---|---|\n| ${spec.rhel} | ${spec.debian} | ${spec.slackware} | ${spec.lsb} |${lower}`;
  }
  const other = OTHER_RUNLEVEL_DOCS[c.toUpperCase()];
  return other ?? `\`${c}\` is not a runlevel: it never matches.`;
}

/** What init will do with this command line. */
function processMarkdown(field: Field, dialect: Dialect): string {
  let cmd = field.text.trim();
  const notes: string[] = [];
  if (dialect === 'sysvinit') {
    if (cmd.startsWith('+')) { notes.push('`+`: init writes no utmp/wtmp record for it.'); cmd = cmd.slice(1); }
    if (cmd.startsWith('@')) { notes.push('`@`: run without a shell (sysvinit 3.x).'); cmd = cmd.slice(1); }
    else if ([...SHELL_CHARS].some((c) => cmd.includes(c))) notes.push('Contains shell characters: init runs it as `/bin/sh -c "…"`.');
    else notes.push(`A plain command: split on blanks into at most ${LIMITS.words} words; a \`#\` ends it.`);
  } else {
    if (cmd.startsWith('-')) { notes.push('`-`: started as a login shell (argv[0] gets a `-`).'); cmd = cmd.slice(1); }
    if ([...SHELL_CHARS].some((c) => cmd.includes(c))) notes.push('Contains shell characters: init runs it as `sh -c "exec …"`.');
  }
  const program = cmd.split(/[ \t]+/)[0] ?? '';
  const args = cmd.split(/[ \t]+/).slice(1);
  const known = knownProgram(program, args);
  if (known) notes.unshift(known);
  return notes.join('\n\n');
}

function knownProgram(program: string, args: string[]): string | undefined {
  const name = program.slice(program.lastIndexOf('/') + 1);
  if ((program === '/etc/rc.d/rc' || program === '/etc/init.d/rc') && args[0]) {
    const dir = program === '/etc/rc.d/rc' ? `/etc/rc.d/rc${args[0]}.d` : `/etc/rc${args[0]}.d`;
    return `\`${program} ${args[0]}\` runs the scripts of \`${dir}\`: first every \`K\` link with \`stop\`, then every \`S\` link with \`start\`, in name order.`;
  }
  const table: Record<string, string> = {
    'rc.sysinit': 'Red Hat\'s boot script: mounts file systems, checks disks, sets the host name and clock.',
    rcS: 'The boot script: runs the `S` scripts of `/etc/rcS.d` (Debian) or of `/etc/init.d` (BusyBox/Buildroot: `S??*` in order).',
    rcK: 'Buildroot\'s shutdown script: runs the `K??*` scripts of `/etc/init.d` in reverse order.',
    mingetty: 'A minimal getty for virtual consoles: shows a login prompt on the tty named in its arguments.',
    getty: 'Opens the tty, shows a login prompt and starts `login`.',
    agetty: 'Opens the tty (or serial line), shows a login prompt and starts `login`.',
    sulogin: 'Single-user login: asks for the root password (or gives a shell) on the console.',
    shutdown: 'Brings the system down: `-r` reboots, `-h` halts, `-c` cancels a pending shutdown, `-t N` waits N seconds between TERM and KILL.',
    prefdm: 'Red Hat\'s script that starts the preferred display manager (gdm, kdm, xdm) for runlevel 5.',
    init: 'init itself (e.g. BusyBox `::restart:/sbin/init` re-executes it).',
  };
  return table[name] ? `\`${name}\` — ${table[name]}` : undefined;
}

// ---------------------------------------------------------------------------------------
// Symbols, code lenses, folding

export function symbols(doc: InittabDoc): SymbolEntry[] {
  return doc.model.entries.map((e) => {
    const name = e.id.text.length > 0 ? e.id.text : doc.model.dialect === 'busybox' ? '(console)' : '(no id)';
    const action = e.action?.text.trim() ?? '';
    const levels = e.runlevels?.text ?? '';
    const sel: Range = e.id.text.length > 0 ? range(e.line, e.id.start, e.id.end) : range(e.line, e.action?.start ?? e.indent, e.action?.end ?? e.text.length);
    return {
      name,
      detail: [action, levels && doc.model.dialect === 'sysvinit' ? `runlevels ${levels}` : '', e.process?.text.trim() ?? ''].filter(Boolean).join(' · '),
      kind: action.toLowerCase() === 'initdefault' ? 'constant' : 'event',
      range: range(e.line, 0, e.text.length),
      selectionRange: sel,
    } satisfies SymbolEntry;
  });
}

export function lenses(doc: InittabDoc, path: string): CodeLensEntry[] {
  const d = doc.facts.initdefault;
  if (!d) return [];
  const spec = RUNLEVELS.find((r) => r.char === d.level);
  const r = range(d.entry.line, 0, d.entry.text.length);
  const out: CodeLensEntry[] = [{ range: r, title: `Boots into runlevel ${d.level}${spec ? ` (${spec.summary})` : ''}` }];
  // In an image root (or /etc itself), what rc would start on the way there.
  if (path.includes('/etc/') && /^[0-6S]$/.test(d.level)) out.push({ range: r, title: `Simulate boot to runlevel ${d.level}`, command: { id: 'sysvHa.simulate', args: [path, 'N', d.level] } });
  return out;
}

export function folding(doc: InittabDoc): FoldingEntry[] {
  return commentFolding(doc.model.kinds);
}
