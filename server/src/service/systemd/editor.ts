/**
 * What the editor shows of systemd: the "systemd unit" preview of a script (the generator's
 * files and what each header word became), hover notes on the LSB keywords and their words,
 * the per-script targets for the Services view, the code lens and the "Convert to a native
 * systemd unit" action. Pure over the host; the LSP layer and the client only carry them.
 */
import type { WorkspaceHost } from '../core/language';
import type { Settings } from '../core/settings';
import type { SourceText } from '../core/text';
import { range, type CodeLensEntry, type Fix, type HoverResult, type Position } from '../core/types';
import type { InitScriptDoc } from '../languages/initscript/index';
import { generatorRun, loadOfText } from './checks';
import { generatorDirs, nameBytes } from './generator';
import type { Translation } from './load';
import { resolveVersion, type GeneratorProfile } from './versions';

const show = (bytes: string) => Buffer.from(bytes, 'latin1').toString('utf8');

/** The image root of a script in etc/init.d or etc/rc.d/init.d. */
function rootOf(path: string): string | undefined {
  const m = /^(.*)\/etc\/(?:rc\.d\/)?init\.d\/[^/]+$/.exec(path);
  return m ? m[1]! : undefined;
}

/** The systemd the settings and the script's profile mean (none: off). */
export function systemdProfile(settings: Settings, profile: string): GeneratorProfile | undefined {
  return profile === 'busybox' ? undefined : resolveVersion(settings.systemdVersion, profile);
}

/** What a translated header word means on a systemd host, in a sentence. */
export function describeTranslation(t: Translation, v: string): string {
  const unit = t.unit;
  if (t.effect === 'dropped') {
    if (/^\$?(local_fs|syslog)$/.test(t.word)) return `dropped: ${v} has no unit for it (every service already starts after the local file systems and the journal socket)`;
    return 'dropped: it names the script itself';
  }
  if (t.effect.startsWith('ignored')) return t.effect.replace(/^ignored: /, 'ignored: ');
  if (unit === 'all.target') return `\`After=all.target\`: no unit is called all.target, so it orders nothing — the script is **not** started last, as insserv would start it`;
  if (unit === 'network-online.target' && t.keyword !== 'Provides' && t.keyword !== 'X-Start-Before') return '`After=network-online.target` and `Wants=network-online.target`: waits until the network is configured (and pulls in the wait service)';
  if (t.keyword === 'Provides') return t.effect.startsWith('alias') ? `an alias unit: \`${show(unit!)}\` is a link to this script's unit` : `\`${t.effect.replace(/, /g, '`, `')}\`: the script pulls the target in and starts before it`;
  if (unit?.endsWith('.target') && !['remote-fs.target', 'nss-lookup.target', 'rpcbind.target', 'time-sync.target', 'network-online.target'].includes(unit)) return `\`${t.effect}\`: orders something only where a unit provides ${show(unit)} (systemd itself has none)`;
  return `\`${show(t.effect)}\`: ordering only; the unit starts even when ${show(unit ?? t.word)} does not exist or fails`;
}

/** What systemd makes of each LSB keyword (systemd-sysv-generator, by version). */
function keywordNote(keyword: string, p: GeneratorProfile): string | undefined {
  const v = `systemd ${p.version}`;
  switch (keyword.toLowerCase()) {
    case 'provides': return `${v}: each name but the script's own becomes an alias unit (\`NAME.service\`, a link to this unit); a \`$name\` becomes \`Before=\` and \`Wants=\` \`name.target\`.`;
    case 'required-start': case 'should-start': case 'x-start-after':
      return `${v}: \`After=\` for each name (\`Wants=\` too for \`$network\`). Required-Start, Should-Start and X-Start-After mean the same: ordering, not a requirement — the unit starts even when a dependency is missing or fails.`;
    case 'x-start-before': return `${v}: \`Before=\` for each name.`;
    case 'required-stop': case 'should-stop': case 'x-stop-after': return `${v}: ignored. systemd stops units in the reverse order it starts them.`;
    case 'default-start': return `${v}: ignored. The S links present in rc1.d–rc5.d decide which targets want the unit (rc2–rc4: multi-user.target${p.version === '219' ? ' per runlevelN.target' : ''}, rc5: graphical.target, rc1: rescue.target); rcS.d is not read, so an rcS-only script is never started.`;
    case 'default-stop': return p.version === '219' ? `${v}: ignored; K links in rc0.d and rc6.d add \`Before=\` and \`Conflicts=shutdown.target\`.` : `${v}: ignored (every unit is stopped at shutdown anyway).`;
    case 'short-description': return `${v}: the unit's \`Description=\` is "LSB: " and this (before a \`# description:\` and the LSB Description).`;
    case 'description': return `${v}: the unit's \`Description=\` when there is no Short-Description and no \`# description:\` line; continued on lines that start with \`#\` and a tab or two blanks.`;
    case 'x-interactive': return `${v}: ignored; under systemd the script cannot read the console.`;
    default: return undefined;
  }
}

/** The hover note on an LSB keyword, a word of a dependency line, a `# chkconfig:`, `# description:`, `# processname:` keyword or a `# pidfile:` line. */
export function systemdHover(doc: InitScriptDoc, src: SourceText, p: Position, settings: Settings): string | undefined {
  const profile = systemdProfile(settings, doc.profile);
  if (!profile || doc.foreign) return undefined;
  const v = `systemd ${profile.version}`;
  const line = src.lineText(p.line).replace(/\r$/, '');
  const entry = doc.header.blocks.flatMap((b) => b.entries).find((e) => e.line === p.line);
  if (entry && p.character >= entry.keyword.start && p.character <= entry.keyword.end) return keywordNote(entry.spec?.name ?? entry.keyword.text.replace(/:$/, ''), profile);
  // The word under the cursor, as the generator splits it (at blanks only).
  let a = p.character;
  let b = p.character;
  while (a > 0 && !/\s/.test(line[a - 1]!)) a--;
  while (b < line.length && !/\s/.test(line[b]!)) b++;
  const word = line.slice(a, b);
  if (!word) return undefined;
  const load = loadOfText(src.text, nameBytes(doc.name), profile, doc);
  const t = load.translations.find((x) => x.row === p.line && show(x.word) === word);
  if (t) return `**${v}** (systemd-sysv-generator): ${describeTranslation(t, v)}.`;
  // The Red Hat header lines, on their keyword.
  const rh = /^#[ \t]*(chkconfig|description|processname):/i.exec(line);
  if (rh && word.replace(/:$/, '').toLowerCase() === rh[1]!.toLowerCase()) {
    switch (rh[1]!.toLowerCase()) {
      case 'chkconfig': return `**${v}**: systemd-sysv-generator does not read this line: only the S links in rc1.d–rc5.d (which \`chkconfig --add\` makes from it) decide the targets that want the unit, and their numbers order it against another script only where one of the two has no LSB header.`;
      case 'description': return `**${v}**: the unit's \`Description=\` (\`${load.hasLsb ? 'LSB' : 'SYSV'}: …\`) unless a Short-Description is given${load.description ? `; here \`Description=${show(load.description)}\`` : ''}.`;
      default: return `**${v}**: ignored by systemd-sysv-generator (systemd finds the main process by the pid file, or guesses none).`;
    }
  }
  if (/^#\s*pidfile:/i.test(line.trim())) {
    return load.pidFile !== undefined
      ? `**${v}**: \`PIDFile=${show(load.pidFile)}\` and \`RemainAfterExit=no\`: systemd follows the daemon by this pid file.`
      : `**${v}**: ignored (not an absolute path): no \`PIDFile=\`, and \`RemainAfterExit=yes\`.`;
  }
  return undefined;
}

/** The "systemd unit" code lens of a script (when systemd is not off). */
export function systemdLens(doc: InitScriptDoc, src: SourceText, settings: Settings): CodeLensEntry | undefined {
  const profile = systemdProfile(settings, doc.profile);
  if (!profile || doc.foreign || doc.name === 'rc.local') return undefined;
  return { range: range(0, 0, src.lineText(0).length), title: `systemd ${profile.version} unit`, command: { id: 'sysvHa.previewUnit', args: [doc.ctx.path] } };
}

/** "Convert to a native systemd unit": a command the client runs (it opens an untitled document). */
export function systemdRefactors(doc: InitScriptDoc, r: { start: { line: number } }): Fix[] {
  if (doc.foreign || doc.name === 'rc.local' || !doc.body?.dispatcher) return [];
  // Offered on the header and the dispatcher's lines (where the service is described and run), not in every function.
  const d = doc.body.dispatcher;
  const headerEnd = Math.max(0, ...doc.header.blocks.map((b) => b.end ?? b.begin), ...doc.header.chkconfigLines.map((l) => l.line));
  if (r.start.line > headerEnd && (r.start.line < d.range.start.line || r.start.line > d.range.end.line)) return [];
  return [{ code: 'refactor', title: 'Convert to a native systemd unit', edits: [], command: { id: 'sysvHa.convertToNative', args: [doc.ctx.path] } }];
}

/** Per script path: the systemd targets that want it (or why there is no unit). For the Services view. */
export interface SystemdRow {
  version: string;
  unit?: string;
  wantedBy: string[];
  skipped?: string;
}

export function systemdRows(root: string, host: WorkspaceHost, settings: Settings, profile: string): Map<string, SystemdRow> | undefined {
  const p = systemdProfile(settings, profile);
  if (!p) return undefined;
  const run = generatorRun(root, host, p, settings);
  if (!run) return undefined;
  const out = new Map<string, SystemdRow>();
  for (const s of run.scripts) {
    const skipped = run.aborted ?? s.skipped;
    out.set(s.path, { version: p.version, ...(s.unit ? { unit: show(s.unit) } : {}), wantedBy: skipped ? [] : [...new Set(s.wantedBy)], ...(skipped ? { skipped } : {}) });
  }
  return out;
}

/** The "systemd unit" preview document of a script: the generator's files, what the header became, what it leaves to chance. */
export function previewUnit(path: string, host: WorkspaceHost, settings: Settings, profileName: string): string {
  const root = rootOf(path);
  const name = path.slice(path.lastIndexOf('/') + 1);
  const profile = systemdProfile(settings, profileName) ?? resolveVersion('auto', profileName === 'busybox' ? 'debian' : profileName)!;
  if (root === undefined || !generatorDirs(root, host)) return `${name} is not in an etc/init.d or etc/rc.d/init.d folder: systemd-sysv-generator only reads those.\n`;
  const run = generatorRun(root, host, profile, settings);
  if (!run) return `No init.d folder found around ${path}.\n`;
  const me = run.scripts.find((s) => s.path === path);
  const out: string[] = [`What systemd ${profile.version} (${profile.label}) makes of ${name}: systemd-sysv-generator's files for it`];
  if (settings.systemdVersion === 'off') out.push('(sysvHa.systemdVersion is off: shown for the profile\'s default systemd)');
  out.push('');
  if (run.aborted) {
    out.push(`The generator stops and writes nothing at all: ${run.aborted}.`);
    return out.join('\n') + '\n';
  }
  if (!me) {
    out.push(`${name} is not in ${run.initDir}.`);
    return out.join('\n') + '\n';
  }
  if (me.skipped) {
    out.push(`No unit: ${me.skipped}.`);
    return out.join('\n') + '\n';
  }
  out.push(`Unit ${show(me.unit!)}, wanted by ${me.wantedBy.length ? [...new Set(me.wantedBy)].join(', ') : 'nothing: no S link in rc1.d-rc5.d starts it, so it only runs when something else starts it'}.`);
  const links = me.links.map((l) => `${l.dir}/${show(l.link)}${l.source === 'planned' ? ' (planned)' : ''}`);
  if (links.length) out.push(`Links read: ${links.join(', ')}${run.plannedLevels.length ? ` — planned by ${run.tool} where ${run.plannedLevels.join(', ')} do not exist` : ''}.`);
  const load = me.load;
  if (load && load.translations.length > 0) {
    out.push('', 'What the header becomes:');
    for (const t of load.translations) out.push(`  line ${t.row + 1}  ${t.keyword}: ${show(t.word)}  →  ${describeTranslation(t, `systemd ${profile.version}`).replace(/`/g, '').replace(/\*\*/g, '')}`);
  }
  if (load && !load.hasLsb) out.push('', 'No LSB header: no dependency ordering except against other SysV scripts by their S numbers; the description comes from "# description:".');
  const entries = run.entries.filter((e) => e.script === me.name);
  for (const e of entries) {
    if (e.kind === 'unit' && e.unordered.length > 0) out.push('', `The ${e.unordered.map((g) => `${g.key}=`).join(' and ')} lines that come from S-link numbers are in name order here; the generator writes them in a different order on each run.`);
    if (e.kind === 'link' && e.alternatives) out.push('', `${show(e.path)} is provided by other scripts too: the generator links it to whichever it reads first (${[e.target, ...e.alternatives].map(show).join(' or ')}).`);
  }
  const dest = '/run/systemd/generator.late';
  for (const e of entries) {
    out.push('');
    if (e.kind === 'unit') out.push(`==> ${dest}/${show(e.path)} <==`, show(e.text).replace(/\n$/, ''));
    else out.push(`==> ${dest}/${show(e.path)} -> ${show(e.target)}  (${e.role === 'alias' ? 'alias from Provides' : 'wants link'})`);
  }
  return out.join('\n') + '\n';
}

/** A hover with the systemd note added (or the note alone where the module has no hover). */
export function withSystemdNote(h: HoverResult | null, doc: InitScriptDoc, src: SourceText, p: Position): HoverResult | null {
  let note: string | undefined;
  try {
    note = systemdHover(doc, src, p, doc.ctx.settings);
  } catch {
    note = undefined; // a hover never fails for a note
  }
  if (!note) return h;
  if (h) return { ...h, markdown: `${h.markdown}\n\n${note}` };
  const line = src.lineText(p.line);
  let a = p.character;
  let b = p.character;
  while (a > 0 && !/\s/.test(line[a - 1]!)) a--;
  while (b < line.length && !/\s/.test(line[b]!)) b++;
  return { range: range(p.line, a, b), markdown: note };
}
