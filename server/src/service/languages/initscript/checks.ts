/**
 * Init-script checks: file name and mode, headers (raw lines), and the body (the shell
 * tree). Pure functions from the models to problems.
 *
 * @see spec/checks.md "initscript"
 */
import type { WorkspaceHost } from '../../core/language';
import type { Settings } from '../../core/settings';
import { trimEndBlanks } from '../../core/scan';
import { insertLinesAt, nearest, type SourceText } from '../../core/text';
import { range, type Range, type RawProblem } from '../../core/types';
import type { BodyModel, CommandInfo, Word } from './body';
import { chkconfigRejection, type HeaderModel, type LsbBlock, type LsbEntry } from './header';
import { checkDuplicateAddresses, checkIpCommand } from '../ipaddr';
import { astrayPidUses, commandIndex, commandsNamed, definedNames, foregroundProgram, libraryWarning, pidUses } from './notes';
import { FACILITY_NAMES, IMPLIED_FACILITIES, LIBRARIES, STANDARD_FACILITY_NAMES, TEMPLATE_PLACEHOLDER, isIgnoredName, libraryFunction, type InitProfile, type LibraryFunction } from './spec';
import { isWholeImage } from '../../boot/scripts';

export interface ScriptContext {
  /** The script's file name (the service name). */
  name: string;
  path: string;
  profile: InitProfile;
  settings: Settings;
  host?: WorkspaceHost;
  /** The image root the script lives in (the folder above `etc/`), if any. */
  root?: string;
}

const whole = (src: SourceText, line = 0): Range => range(line, 0, src.lineText(line).replace(/\r$/, '').length);

// ---------------------------------------------------------------------------------------
// File

/** Name checks; returns true when the name is one rc/chkconfig/insserv skip (no other check runs). */
export function checkName(src: SourceText, ctx: ScriptContext, out: RawProblem[]): boolean {
  if (isIgnoredName(ctx.name)) {
    out.push({ code: 'initscript/ignored-name', range: whole(src), message: `rc, chkconfig and insserv skip a script named '${ctx.name}', so this file never runs. Rename it (or delete this backup).` });
    return true;
  }
  // Only where rc runs it: a packaging source (debian/foo.init, a spec's SOURCE1) is renamed on install.
  if (ctx.name.endsWith('.init') && /\/init\.d\/[^/]+$/.test(ctx.path)) {
    out.push({ code: 'initscript/init-suffix', range: whole(src), message: `Name the script '${ctx.name.slice(0, -5)}', without '.init': the suffix ends up in the link names and in 'service ${ctx.name}'.` });
  }
  return false;
}

export function checkMode(src: SourceText, ctx: ScriptContext, out: RawProblem[]): void {
  if (!ctx.host || ctx.settings.checkFileModes === false) return;
  const st = ctx.host.stat(ctx.path);
  if (!st || st.mode === undefined || !st.isFile) return;
  if ((st.mode & 0o111) === 0) {
    out.push({ code: 'initscript/not-executable', range: whole(src), message: `The script is not executable (mode ${(st.mode & 0o777).toString(8).padStart(3, '0')}): rc skips it and heartbeat cannot run it. Run 'chmod 755 ${ctx.name}'.` });
  }
}

// ---------------------------------------------------------------------------------------
// Headers

export function checkHeader(h: HeaderModel, src: SourceText, ctx: ScriptContext, out: RawProblem[]): void {
  let exactSeen = false;
  const firstExact = h.chkconfigLines.find((l) => l.exact)?.line ?? 0;
  for (const l of h.chkconfigLines) {
    if (!l.exact) {
      out.push({
        code: 'initscript/chkconfig-wrong-case', range: range(l.line, l.keyword.start, l.keyword.end),
        message: `chkconfig only reads 'chkconfig:' in lower case; it ignores '${trimEndBlanks(l.keyword.text.slice(0, -1))}:'. Write 'chkconfig:'.`,
        fixes: [{ code: 'initscript/chkconfig-wrong-case', title: "Write 'chkconfig:'", preferred: true, edits: [{ range: range(l.line, l.keyword.start, l.keyword.end), newText: 'chkconfig:' }] }],
      });
      continue;
    }
    if (exactSeen) {
      out.push({ code: 'initscript/duplicate-chkconfig', range: whole(src, l.line), message: `chkconfig reads only the first chkconfig line (line ${firstExact + 1}); remove this one.` });
    }
    exactSeen = true;
  }
  if (h.chkconfigError) {
    const e = h.chkconfigError;
    if (optedOut(h, src, e.line)) {
      out.push({ code: 'initscript/chkconfig-invalid', range: range(e.line, e.start, e.end), severity: 'information', message: "An empty chkconfig line and an empty Default-Start: the script asks for no runlevel, and chkconfig refuses it (\"does not support chkconfig\"), which only keeps it out of 'chkconfig --add'. If chkconfig should manage it, write 'chkconfig: - 40 60'." });
    } else {
      out.push({ code: 'initscript/chkconfig-invalid', range: range(e.line, e.start, e.end), message: `chkconfig cannot read this line: ${e.reason}. It then rejects the whole script ("does not support chkconfig"); write e.g. 'chkconfig: 345 40 60'.` });
    }
  }

  for (const d of h.descriptions) {
    if (d.backslash !== undefined && d.continuedBy === undefined) {
      out.push({ code: 'initscript/description-continuation', range: range(d.line, d.backslash, d.backslash + 1), message: "The description ends in '\\' but the next line is not a comment, so chkconfig drops the whole description. Remove the '\\' or continue on a '#' line." });
    }
  }

  const anyChkconfig = h.chkconfigLines.length > 0;
  if (!anyChkconfig && h.blocks.length === 0) {
    out.push({ code: 'initscript/no-header', range: whole(src), message: "No '# chkconfig:' line and no '### BEGIN INIT INFO' block: chkconfig refuses the script and insserv guesses its order. Add a header (the quick fix derives one)." , fixes: [headerFix(src, ctx)] });
  }

  checkChkconfigLevels(h, ctx, out);

  h.blocks.forEach((b, i) => {
    if (i > 0) out.push({ code: 'initscript/lsb-duplicate-block', range: whole(src, b.begin), message: `A second INIT INFO block: insserv uses only the last one, chkconfig reads keywords from both. Merge them into one.` });
    checkBlock(b, src, ctx, out);
  });

  // chkconfig line vs LSB levels (only when both are there).
  const lsb = h.blocks[h.blocks.length - 1];
  if (h.chkconfig && lsb) {
    const start = lsbLevels(lsb, 'Default-Start');
    const stop = lsbLevels(lsb, 'Default-Stop');
    const ck = h.chkconfig.levelSet;
    const startDiffers = start !== undefined && !sameSet(ck, start);
    const inStop = stop ? ck.filter((n) => stop.includes(n)) : [];
    if (startDiffers || inStop.length > 0) {
      const eff = h.chkconfigLevels ?? [];
      const fixes = start !== undefined ? [defaultStartFix(lsb, ck)] .filter((f) => f !== undefined) : [];
      out.push({
        code: 'initscript/chkconfig-lsb-levels-differ', range: range(h.chkconfig.line, h.chkconfig.levels.start, h.chkconfig.levels.end),
        message: `The chkconfig levels (${ck.join('') || '-'}) differ from ${startDiffers ? `Default-Start (${start!.join(' ') || 'empty'})` : `Default-Stop (${inStop.join(' ')})`}; 'chkconfig --add' will enable it in ${eff.length ? eff.join(', ') : 'no runlevel'}. Make them agree.`,
        fixes,
      });
    }
  }
}

/**
 * A script that opts out of the runlevels on purpose: its chkconfig line has nothing after the
 * colon and its INIT INFO block has a Default-Start with no runlevel (pcp's legacy wrapper, "NOT
 * part of the rc framework"). chkconfig refuses it and insserv links it nowhere, as its author meant.
 */
function optedOut(h: HeaderModel, src: SourceText, line: number): boolean {
  if (!/chkconfig:[ \t]*\r?$/.test(src.lineText(line).replace(/\n$/, ''))) return false;
  const block = h.blocks[h.blocks.length - 1];
  const start = block?.entries.find((e) => e.spec?.name === 'Default-Start');
  return start !== undefined && start.words.length === 0;
}

/**
 * `initscript/no-chkconfig-levels`: an LSB script without a chkconfig line whose
 * Default-Start/Default-Stop give chkconfig no level number, so chkconfig refuses it
 * (`chkconfigRejection`, the boot planner's rule). Not reported when another diagnostic
 * already names the cause: a `chkconfig:` line in the wrong case, or a Default-Start/Stop
 * keyword chkconfig does not read (other case, blank before the colon).
 */
function checkChkconfigLevels(h: HeaderModel, ctx: ScriptContext, out: RawProblem[]): void {
  const block = h.blocks[h.blocks.length - 1];
  if (!block || h.chkconfigLines.length > 0 || chkconfigRejection(h) !== 'no-levels') return;
  const levelEntries = h.blocks.flatMap((b) => b.entries).filter((e) => e.spec?.name === 'Default-Start' || e.spec?.name === 'Default-Stop');
  if (levelEntries.some((e) => e.format === 'case' || e.format === 'space-before-colon')) return;
  const start = block.entries.find((e) => e.spec?.name === 'Default-Start') ?? block.entries.find((e) => e.spec?.name === 'Default-Stop');
  const r = start
    ? range(start.line, start.keyword.start, Math.max(start.value.end, start.keyword.end + 1))
    : range(block.begin, 0, '### BEGIN INIT INFO'.length);
  const given = start && start.value.text.length > 0 ? ` ('${start.value.text}' gives it none)` : '';
  out.push({
    code: 'initscript/no-chkconfig-levels', range: r,
    message: `chkconfig reads runlevels only as numbers in Default-Start/Default-Stop${given} and there is no chkconfig line, so it refuses the script ("service ${ctx.name} does not support chkconfig"). Add a line like '# chkconfig: 2345 50 50' or give numeric runlevels.`,
  });
}

function sameSet(a: number[], b: number[]): boolean {
  const x = [...new Set(a)].sort().join();
  const y = [...new Set(b)].sort().join();
  return x === y;
}

/** Single-digit levels of a Default-Start/Stop entry of the block. */
function lsbLevels(b: LsbBlock, keyword: string): number[] | undefined {
  const e = b.entries.find((x) => x.spec?.name === keyword);
  if (!e) return undefined;
  return e.words.flatMap((w) => w.text.split(',')).filter((t) => /^[0-6]$/.test(t)).map(Number);
}

function defaultStartFix(b: LsbBlock, levels: number[]) {
  const e = b.entries.find((x) => x.spec?.name === 'Default-Start');
  if (!e) return undefined;
  const stop = b.entries.find((x) => x.spec?.name === 'Default-Stop');
  const edits = [{ range: range(e.line, e.value.start, Math.max(e.value.end, e.value.start)), newText: levels.join(' ') }];
  if (stop) {
    const rest = [0, 1, 2, 3, 4, 5, 6].filter((n) => !levels.includes(n));
    edits.push({ range: range(stop.line, stop.value.start, Math.max(stop.value.end, stop.value.start)), newText: rest.join(' ') });
  }
  return { code: 'initscript/chkconfig-lsb-levels-differ', title: `Make Default-Start${stop ? '/Default-Stop' : ''} agree with the chkconfig levels`, edits, preferred: true };
}

/** A header for a script that has none: an LSB block with a chkconfig line, after the shebang. */
function headerFix(src: SourceText, ctx: ScriptContext) {
  const at = src.lineText(0).startsWith('#!') ? 1 : 0;
  const name = ctx.name.replace(/\.init$/, '');
  const text = [
    `# chkconfig: 2345 50 50`,
    `### BEGIN INIT INFO`,
    `# Provides:          ${name}`,
    `# Required-Start:    $local_fs $network $syslog`,
    `# Required-Stop:     $local_fs $network $syslog`,
    `# Default-Start:     2 3 4 5`,
    `# Default-Stop:      0 1 6`,
    `# Short-Description: ${name}`,
    `### END INIT INFO`,
    '',
  ].join('\n');
  return { code: 'initscript/no-header', title: 'Add a chkconfig line and an LSB header', edits: [insertLinesAt(src, at, text)], preferred: true };
}

const LIST_KEYWORDS = new Set(['Required-Start', 'Required-Stop', 'Should-Start', 'Should-Stop', 'X-Start-Before', 'X-Stop-After']);
const MISSING_ORDER = ['Provides', 'Required-Start', 'Required-Stop', 'Default-Start', 'Default-Stop'];

function checkBlock(b: LsbBlock, src: SourceText, ctx: ScriptContext, out: RawProblem[]): void {
  if (b.end === undefined) {
    out.push({ code: 'initscript/lsb-unterminated', range: whole(src, b.begin), message: "'### BEGIN INIT INFO' has no '### END INIT INFO' after it: insserv refuses the script (\"missing end of LSB comment\"). Add the END line after the header." });
  }
  for (const bad of b.badLines) {
    out.push({
      code: 'initscript/lsb-bad-line', range: whole(src, bad.line),
      message: bad.reason === 'not-comment'
        ? 'A line that is not a comment inside the INIT INFO block; chkconfig and insserv ignore it. Move it after ### END INIT INFO.'
        : "Not a '# Keyword: value' line nor a Description continuation ('#' + TAB or two spaces); chkconfig and insserv ignore it. Fix or remove it.",
    });
  }
  const seen = new Map<string, LsbEntry>();
  for (const e of b.entries) {
    const key = (e.spec?.name ?? e.keyword.text).toLowerCase();
    if (!e.spec && !e.extension) {
      const guess = nearestKeyword(e.keyword.text);
      out.push({
        code: 'initscript/lsb-unknown-keyword', range: range(e.line, e.keyword.start, e.keyword.end),
        message: `'${e.keyword.text}' is not an LSB keyword${guess ? ` (did you mean '${guess}'?)` : ''}; chkconfig and insserv ignore it.${guess ? '' : " Local extensions start with 'X-'."}`,
        fixes: guess ? [{ code: 'initscript/lsb-unknown-keyword', title: `Change to '${guess}'`, preferred: true, edits: [{ range: range(e.line, e.keyword.start, e.keyword.end), newText: guess }] }] : undefined,
      });
      continue;
    }
    const prev = seen.get(key);
    if (prev) {
      out.push({ code: 'initscript/lsb-duplicate-keyword', range: range(e.line, e.keyword.start, e.keyword.end), message: `'${e.keyword.text}' is already given on line ${prev.line + 1}: insserv keeps the first, chkconfig combines them. Merge the two lines.` });
    } else {
      seen.set(key, e);
    }
    if (e.spec && e.format !== 'ok') {
      const canonical = `# ${e.spec.name}:`;
      const lineText = src.lineText(e.line).replace(/\r$/, '');
      const colon = lineText.indexOf(':', e.keyword.end);
      const what = { 'no-space': 'no blank after #', 'extra-space': 'more than one blank after #', case: 'a different letter case', 'space-before-colon': 'a blank before the colon', ok: '' }[e.format];
      // insserv (Debian, SUSE) reads keywords in any case and after any blanks (checked with the real
      // insserv); only update-rc.d's own reader wants '# Default-Start:' / '# Default-Stop:' exactly.
      const insservReads = (ctx.profile === 'debian' || ctx.profile === 'suse') && e.format !== 'space-before-colon' && e.spec.name !== 'Default-Start' && e.spec.name !== 'Default-Stop';
      out.push({
        code: 'initscript/lsb-keyword-format', range: range(e.line, 0, colon + 1), ...(insservReads ? { severity: 'information' as const } : {}),
        message: insservReads
          ? `Write '${canonical}' (this line has ${what}): insserv reads it as it is, but chkconfig and the LSB grammar want it exactly.`
          : `Write '${canonical}' exactly (this line has ${what}): ${e.format === 'space-before-colon' ? 'no parser reads the value' : e.format === 'case' ? 'chkconfig matches the keyword case-sensitively' : 'update-rc.d and the LSB grammar want one blank'}.`,
        fixes: [{ code: 'initscript/lsb-keyword-format', title: `Write '${canonical}'`, preferred: true, edits: [{ range: range(e.line, 0, colon + 1), newText: canonical }] }],
      });
    }
    if (!e.spec) continue;
    checkEntryValue(e, ctx, out);
  }
  for (const kw of MISSING_ORDER) {
    if (!b.entries.some((e) => e.spec?.name === kw)) {
      out.push({ code: 'initscript/lsb-missing-keyword', range: whole(src, b.begin), message: `The INIT INFO block has no '${kw}:' line: insserv reports "missing '${kw}:' entry: please add even if empty". Add '# ${kw}:'${kw === 'Provides' ? ` ${ctx.name}` : ''}.` });
    }
  }
  // Overlap, on the Default-Stop line.
  const start = b.entries.find((e) => e.spec?.name === 'Default-Start');
  const stop = b.entries.find((e) => e.spec?.name === 'Default-Stop');
  if (start && stop) {
    const s = new Set(start.words.map((w) => w.text.toUpperCase()));
    const both = stop.words.filter((w) => w.text.length === 1 && s.has(w.text.toUpperCase())).map((w) => w.text);
    if (both.length > 0) {
      out.push({ code: 'initscript/runlevel-overlap', range: range(stop.line, stop.value.start, stop.value.end), message: `Runlevel${both.length > 1 ? 's' : ''} ${both.join(', ')} ${both.length > 1 ? 'are' : 'is'} in both Default-Start and Default-Stop: insserv reports overlapping runlevels. Remove ${both.length > 1 ? 'them' : 'it'} from one of the lines.` });
    }
  }
}

/** The LSB keyword a misspelling is closest to (case-insensitive, within 2 edits). */
function nearestKeyword(word: string): string | undefined {
  const candidates = ['Provides', 'Required-Start', 'Required-Stop', 'Should-Start', 'Should-Stop', 'Default-Start', 'Default-Stop', 'Short-Description', 'Description'];
  const lower = nearest(word.toLowerCase(), candidates.map((c) => c.toLowerCase()));
  return lower === undefined ? undefined : candidates.find((c) => c.toLowerCase() === lower);
}

function checkEntryValue(e: LsbEntry, ctx: ScriptContext, out: RawProblem[]): void {
  const name = e.spec!.name;
  const wr = (w: Word | { start: number; end: number }) => range(e.line, (w as { start: number }).start, (w as { end: number }).end);
  if (name === 'Default-Start' || name === 'Default-Stop') {
    for (const w of e.words) {
      if (w.text.includes(',')) {
        const fixed = w.text.split(',').filter(Boolean).join(' ');
        out.push({
          code: 'initscript/comma-in-list', range: wr(w),
          message: `Separate runlevels with blanks: chkconfig reads '${w.text}' as level ${/^\d/.test(w.text) ? w.text.split(',')[0] : 'nothing'} only. Write '${fixed}'.`,
          fixes: [{ code: 'initscript/comma-in-list', title: `Write '${fixed}'`, preferred: true, edits: [{ range: wr(w), newText: fixed }] }],
        });
        continue;
      }
      if (w.text.length > 1) {
        const where = name === 'Default-Start' ? 'started' : 'stopped';
        // Only runlevel characters can be spread into runlevels; a template placeholder left in an
        // installed script (#15 point 9) or a word chkconfig's strtol reads no number from is said
        // as what it is, without a fix ('3x' still reads as level 3 there: the packed message).
        const placeholder = TEMPLATE_PLACEHOLDER.exec(w.text);
        if (placeholder || !/^[0-9SsBb]/.test(w.text) || (!/^\d/.test(w.text) && !/^[0-9SsBb]+$/.test(w.text))) {
          out.push({
            code: 'initscript/packed-runlevels', range: wr(w),
            message: placeholder
              ? `'${w.text}' is a template placeholder the build did not replace, not runlevels: insserv ignores it and chkconfig reads no runlevel from it, so the script is ${where} nowhere. Write the runlevels separated by blanks (e.g. '${name === 'Default-Start' ? '2 3 4 5' : '0 1 6'}'), or check the template instead.`
              : `'${w.text}' is one word, not runlevels: insserv ignores it and chkconfig reads no runlevel from it, so the script is ${where} nowhere. Write the runlevels separated by blanks (e.g. '${name === 'Default-Start' ? '2 3 4 5' : '0 1 6'}').`,
          });
          continue;
        }
        const spread = [...w.text].join(' ');
        out.push({
          code: 'initscript/packed-runlevels', range: wr(w),
          message: `'${w.text}' is one token, not ${w.text.length} runlevels: insserv ignores it and chkconfig reads level ${w.text}, so the script is ${where} nowhere. Write '${spread}'.`,
          fixes: [{ code: 'initscript/packed-runlevels', title: `Write '${spread}'`, preferred: true, edits: [{ range: wr(w), newText: spread }] }],
        });
        continue;
      }
      const t = w.text;
      if (name === 'Default-Start' && (t === '0' || t === '6')) {
        out.push({
          code: 'initscript/start-in-halt-runlevel', range: wr(w),
          message: `Runlevel ${t} ${t === '0' ? 'halts' : 'reboots'} the machine: a script started there runs during shutdown. Remove ${t} from Default-Start (put it in Default-Stop).`,
          fixes: [{ code: 'initscript/start-in-halt-runlevel', title: `Remove ${t} from Default-Start`, preferred: true, edits: [removeWord(e, w)] }],
        });
        continue;
      }
      const okStart = /^[0-6Ss]$/.test(t) || (ctx.profile === 'suse' && /^[Bb]$/.test(t));
      const okStop = /^[0-6]$/.test(t) || (ctx.profile === 'suse' && /^[Bb]$/.test(t));
      if (name === 'Default-Start' ? okStart : okStop) continue;
      const letter = /^[A-Za-z]$/.test(t) && !(name === 'Default-Stop' && /^[Ss]$/.test(t));
      out.push({
        code: 'initscript/bad-runlevel', range: wr(w),
        severity: ctx.profile === 'debian' && letter ? 'error' : undefined,
        message: name === 'Default-Stop' && /^[Ss]$/.test(t)
          ? "'S' is the boot level: nothing is stopped there. Remove it from Default-Stop."
          : `'${t}' is not a runlevel (0-6${name === 'Default-Start' ? ' or S' : ''}): ${letter ? "insserv refuses it (\"Wrong runlevel key\") and chkconfig stops reading there" : 'chkconfig sets a level no runlevel uses and insserv ignores it'}. Remove it.`,
      });
    }
    return;
  }
  if (LIST_KEYWORDS.has(name) || name === 'Provides') {
    for (const w of e.words) {
      if (w.text.includes(',')) {
        const fixed = w.text.split(',').filter(Boolean).join(' ');
        // insserv splits names on commas too (checked): only chkconfig reads 'a,b' as one name.
        const insserv = ctx.profile === 'debian' || ctx.profile === 'suse';
        out.push({
          code: 'initscript/comma-in-list', range: wr(w), ...(insserv ? { severity: 'information' as const } : {}),
          message: insserv ? `Separate names with blanks: insserv splits '${w.text}' on the comma, but chkconfig reads it as one name. Write '${fixed}'.` : `Separate names with blanks: chkconfig reads '${w.text}' as one name. Write '${fixed}'.`,
          fixes: [{ code: 'initscript/comma-in-list', title: `Write '${fixed}'`, preferred: true, edits: [{ range: wr(w), newText: fixed }] }],
        });
        continue;
      }
      if (name === 'Provides' && w.text.startsWith('$')) {
        out.push({ code: 'initscript/provides-facility', range: wr(w), message: `insserv skips a script that provides the system facility '${w.text}' ("provides system facility ${w.text}, skipped!"). Provide the script's own name; facilities come from insserv.conf.` });
        continue;
      }
      const implied = /^(Required|Should)-(Start|Stop)$/.test(name) ? IMPLIED_FACILITIES.get(w.text) : undefined;
      if (implied) {
        const listed = e.words.some((x) => x.text === implied);
        out.push({
          code: 'initscript/non-virtual-facility', range: wr(w),
          message: `Depend on the facility '${implied}' instead of the script '${w.text}': the facility names whatever provides it on each system (lintian non-virtual-facility-in-initd-script).${listed ? ` '${implied}' is already listed: remove '${w.text}'.` : ''}`,
          fixes: [listed
            ? { code: 'initscript/non-virtual-facility', title: `Remove '${w.text}' ('${implied}' is listed)`, preferred: true, edits: [removeWord(e, w)] }
            : { code: 'initscript/non-virtual-facility', title: `Change to '${implied}'`, preferred: true, edits: [{ range: wr(w), newText: implied }] }],
        });
        continue;
      }
      if (name !== 'Provides' && w.text.startsWith('$') && !knownFacility(w.text, ctx)) out.push(unknownFacility(w.text, name, wr(w), ctx));
    }
    return;
  }
  if (name === 'X-Interactive' && e.value.text !== 'true') {
    out.push({ code: 'initscript/x-interactive-value', range: range(e.line, e.value.start, e.value.end), message: `insserv only recognises 'X-Interactive: true'; '${e.value.text}' is ignored. Write 'true' or remove the line.` });
  }
}

/** An edit that removes a word of an entry's value and the blank before it (after it, for the first). */
function removeWord(e: LsbEntry, w: { start: number; end: number }) {
  const i = e.words.findIndex((x) => x.start === w.start);
  const prev = e.words[i - 1];
  const next = e.words[i + 1];
  const from = prev ? prev.end : w.start;
  const to = prev ? w.end : next ? next.start : w.end;
  return { range: range(e.line, from, to), newText: '' };
}

/**
 * `initscript/unknown-facility`. insserv 1.24 says "warning: could not find all dependencies for
 * $x" for a Required- name and nothing for a Should- name, and makes the links all the same
 * (checked): the script is simply not ordered by it, so at most a warning. On Debian and SUSE
 * packages define facilities in /etc/insserv.conf.d, so a name is unknown only in a whole image
 * (or on Red Hat, where nothing defines them); elsewhere it is information ("not defined in this
 * folder"), unless it is a near miss of a standard one.
 */
function unknownFacility(word: string, keyword: string, r: Range, ctx: ScriptContext): RawProblem {
  const guess = word === '$networking' ? '$network' : nearest(word, FACILITY_NAMES);
  const required = keyword.startsWith('Required-');
  const whole = ctx.profile === 'rhel' || (ctx.host !== undefined && ctx.root !== undefined && isWholeImage(ctx.root, ctx.host));
  if (!guess && !whole) {
    return {
      code: 'initscript/unknown-facility', range: r, severity: 'information',
      message: `'${word}' is not a standard facility and is not defined in this folder's etc/insserv.conf(.d): on the installed system another package may define it (${required ? 'else insserv warns "could not find all dependencies" and' : 'else insserv silently'} orders nothing by it). Check the name.`,
    };
  }
  return {
    code: 'initscript/unknown-facility', range: r, severity: guess || required ? undefined : 'information',
    message: `'${word}' is not a system facility (${STANDARD_FACILITY_NAMES.slice(0, 7).join(' ')}, or one defined in etc/insserv.conf(.d)): insserv ${required ? 'warns "could not find all dependencies" and ' : ''}does not order the script by it. ${guess ? `Did you mean '${guess}'?` : 'Use a standard facility, or define it in etc/insserv.conf.d.'}`,
    fixes: guess ? [{ code: 'initscript/unknown-facility', title: `Change to '${guess}'`, preferred: true, edits: [{ range: r, newText: guess }] }] : undefined,
  };
}

/** Facilities from LSB, insserv's built-ins, Debian's packages, and the image root's insserv.conf files. */
function knownFacility(name: string, ctx: ScriptContext): boolean {
  if (FACILITY_NAMES.includes(name)) return true;
  if (!ctx.host || !ctx.root) return false;
  return definedFacilities(ctx).has(name);
}

/** The facilities the root's insserv.conf files define (`$name` at a line's start), read once per analysis. */
const facilitiesByContext = new WeakMap<ScriptContext, Set<string>>();
function definedFacilities(ctx: ScriptContext): Set<string> {
  let set = facilitiesByContext.get(ctx);
  if (set) return set;
  set = new Set<string>();
  const files = [`${ctx.root}/etc/insserv.conf`, ...(ctx.host!.listDir(`${ctx.root}/etc/insserv.conf.d`) ?? []).map((n) => `${ctx.root}/etc/insserv.conf.d/${n}`)];
  for (const f of files) {
    for (const l of (ctx.host!.readFile(f) ?? '').split('\n')) {
      const m = /^(\$[A-Za-z0-9_+-]+)(?:[ \t=:]|$)/.exec(l);
      if (m) set.add(m[1]!);
    }
  }
  facilitiesByContext.set(ctx, set);
  return set;
}

/**
 * `initscript/missing-local-fs-dependency`, as lintian's `init.d-script-missing-dependency-on-local_fs`:
 * the body names a path under /var/ (`body.varPath`), and, in the last INIT INFO block,
 * - Default-Start has a value but Required-Start names none of `$local_fs`, `$remote_fs`, `$all`;
 * - Default-Stop has a value but Required-Stop names none of those (nor `umountfs`/`umountnfs`,
 *   which lintian also accepts there).
 * One diagnostic per keyword, on its line (on the BEGIN line when the keyword is missing).
 * Names are split on blanks, commas and semicolons, as insserv splits them. Unlike lintian,
 * the names also count in Should-Start/Should-Stop (insserv orders by a Should- dependency
 * whenever its target exists, and `$local_fs` always does).
 *
 * Two kinds of scripts are left out, because they run before the file systems are there (or
 * after they are gone) on purpose, and depending on `$local_fs` would make an insserv loop:
 * - scripts that provide part of `$local_fs`/`$remote_fs` themselves (Debian's insserv.conf:
 *   mountall, mountall-bootclean, mountoverflowtmp, umountfs, mountnfs, mountnfs-bootclean,
 *   umountnfs, sendsigs);
 * - early-boot and late-shutdown scripts: Default-Start only `S` (Default-Stop only `0`/`6`
 *   for the stop side) with a Required-Start (Required-Stop) that names no `$` facility, only
 *   the other boot scripts it must follow (bootlogd: `mountdevsubfs`).
 */
const FS_FACILITY_MEMBERS = ['mountall', 'mountall-bootclean', 'mountoverflowtmp', 'umountfs', 'mountnfs', 'mountnfs-bootclean', 'umountnfs', 'sendsigs'];
/**
 * Facilities whose providers themselves need the local file systems (Debian's and SUSE's
 * networking, named, rpcbind and syslog scripts all require `$local_fs` or `$remote_fs`), so a
 * script that needs one of them is ordered after `$local_fs` by insserv already: there the
 * finding is lintian's letter, and information.
 */
const AFTER_LOCAL_FS = ['$network', '$named', '$portmap', '$syslog'];
/** The actions whose branch runs for each side of the check. */
const SIDE_ACTIONS = { start: ['start', 'restart', 'force-reload', 'reload', 'try-restart', 'condrestart'], stop: ['stop', 'restart', 'force-reload', 'try-restart', 'condrestart'] };

export function checkLocalFs(h: HeaderModel, body: BodyModel, src: SourceText, out: RawProblem[]): void {
  const block = h.blocks[h.blocks.length - 1];
  if (!block || !body.varPath) return;
  const entry = (kw: string) => block.entries.find((e) => e.spec?.name === kw);
  const names = (e: LsbEntry | undefined) => (e ? e.value.text.split(/[ \t,;]+/).filter(Boolean) : []);
  if (names(entry('Provides')).some((n) => FS_FACILITY_MEMBERS.includes(n))) return;
  for (const [side, levels, required, should, edge, extra] of [['start', 'Default-Start', 'Required-Start', 'Should-Start', /^[Ss]$/, []], ['stop', 'Default-Stop', 'Required-Stop', 'Should-Stop', /^[06]$/, ['umountfs', 'umountnfs']]] as const) {
    const lv = names(entry(levels));
    if (lv.length === 0) continue;
    // /var used where this side runs: outside the dispatcher's branches, or in a branch of one of
    // its actions (a stop branch that only logs needs no /var to stop).
    const used = body.varPaths.find((r) => runsFor(body, r, SIDE_ACTIONS[side]));
    if (!used) continue;
    const e = entry(required);
    const ok = ['$local_fs', '$remote_fs', '$all', ...extra];
    // A Should- dependency on a facility that always exists orders the script just as well.
    const named = [...names(e), ...names(entry(should))];
    if (named.some((n) => ok.includes(n))) continue;
    if (lv.every((l) => edge.test(l)) && !names(e).some((n) => n.startsWith('$'))) continue;
    const via = named.find((n) => AFTER_LOCAL_FS.includes(n));
    const varLine = used.start.line + 1;
    const fix = e
      ? { code: 'initscript/missing-local-fs-dependency', title: `Add $local_fs to ${required}`, preferred: true, edits: [{ range: range(e.line, e.value.start, e.value.start), newText: e.value.text.length > 0 ? '$local_fs ' : '$local_fs' }] }
      : undefined;
    out.push({
      code: 'initscript/missing-local-fs-dependency',
      range: e ? range(e.line, e.keyword.start, Math.max(e.value.end, e.keyword.end + 1)) : whole(src, block.begin),
      ...(via ? { severity: 'information' as const } : {}),
      message: via
        ? `The script uses /var (line ${varLine}) and ${required} names ${via} but not $local_fs: insserv orders it after the local file systems through ${via}'s providers, but lintian wants it said. Add $local_fs to ${required}.`
        : `The script uses /var (line ${varLine}) but ${e ? `${required} names none of` : `has no ${required} line with`} $local_fs, $remote_fs or $all, so it does not declare that it needs /var ${required === 'Required-Start' ? 'mounted to start' : 'still mounted to stop'}. Add $local_fs (or $remote_fs) to ${required}.`,
      fixes: fix ? [fix] : undefined,
    });
  }
}

/** A range outside the dispatcher's branches, or in a branch one of whose patterns matches one of `actions`. */
function runsFor(body: BodyModel, r: Range, actions: readonly string[]): boolean {
  const d = body.dispatcher;
  if (!d) return true;
  const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  const inside = (b: { range: Range }) => le(b.range.start, r.start) && le(r.end, b.range.end);
  const branch = d.branches.find(inside);
  if (!branch) return true;
  return branch.patterns.some((p) => p.text !== '*' && actions.some((a) => globMatches(p.text, a)));
}

// ---------------------------------------------------------------------------------------
// Body

export interface BodyFacts {
  /** Runs under /lib/init/init-d-script: every action is implemented. */
  initDScript: boolean;
  /** Functions the script defines itself (not library calls then). */
  defined: Set<string>;
}

export function checkBody(body: BodyModel, src: SourceText, ctx: ScriptContext, facts: BodyFacts, out: RawProblem[]): void {
  const d = body.dispatcher;
  if (d && !facts.initDScript) {
    // A branch implements an action when one of its patterns (a shell glob) matches it;
    // the catch-all `*` does not count.
    const has = (action: string) => d.branches.some((b) => b.patterns.some((p) => p.text !== '*' && globMatches(p.text, action)));
    const needed = ctx.profile === 'busybox' ? ['start', 'stop'] : ['start', 'stop', 'restart'];
    for (const a of needed) {
      if (!has(a)) out.push({ code: 'initscript/missing-action', range: d.headRange, message: `The script has no '${a})' branch: '${ctx.name} ${a}' falls into the usage branch${a === 'start' || a === 'stop' ? ` and rc cannot ${a} the service` : ''}. Add a '${a})' branch.`, fixes: [branchFix(d, a, src)] });
    }
    if (!has('status')) out.push({ code: 'initscript/missing-status', range: d.headRange, message: "No 'status)' branch: LSB requires it, and heartbeat and 'service --status-all' call it. Add one (exit 0 running, 3 stopped).", fixes: [branchFix(d, 'status', src)] });
    if (!has('force-reload')) out.push({ code: 'initscript/missing-force-reload', range: d.headRange, message: "No 'force-reload)' branch, which LSB requires. Add it (often together with restart: 'restart|force-reload)').", fixes: [branchFix(d, 'force-reload', src)] });
    const fallback = d.branches.find((b) => b.patterns.some((p) => p.text === '*'));
    if (!fallback) {
      out.push({ code: 'initscript/no-default-branch', range: d.headRange, message: "No '*)' branch: an unknown or missing argument exits 0 silently. Add one that prints the usage and exits 2.", fixes: [usageFix(d, src, body)] });
    }
    const fallbackIndex = fallback ? d.branches.indexOf(fallback) : -1;
    const statusIndex = d.branches.findIndex((b) => b.patterns.some((p) => p.text === 'status'));
    for (const cmd of commandsNamed(body, 'exit', 'return')) {
      if (cmd.name !== 'exit' && !(cmd.name === 'return' && cmd.inBranch !== undefined && !cmd.inFunction)) continue;
      const arg = cmd.args[0];
      if (!arg || !/^\d+$/.test(arg.text)) continue;
      const n = Number(arg.text);
      // Only the branch's own exit: one that runs on a condition of its list (setserial's
      // `*) action=start; [ -f CONF ] && exit 0`: the branch starts the service) is not the usage's.
      if (cmd.inBranch === fallbackIndex && fallbackIndex >= 0 && n === 0 && cmd.name === 'exit' && cmd.block !== undefined) {
        out.push({
          code: 'initscript/usage-exit-zero', range: cmd.range, message: "The usage branch exits 0, so callers think an unknown action succeeded. Exit 2 (invalid argument).",
          fixes: [{ code: 'initscript/usage-exit-zero', title: "Change to 'exit 2'", preferred: true, edits: [{ range: arg.range, newText: '2' }] }],
        });
        continue;
      }
      if (n > 255) {
        out.push({ code: 'initscript/bad-exit-code', range: cmd.range, message: `The shell takes exit codes modulo 256: '${cmd.name} ${n}' returns ${n % 256}. Use an LSB code (0-7).` });
      } else if (cmd.inBranch !== undefined && !cmd.inFunction) {
        const inStatus = cmd.inBranch === statusIndex;
        if ((inStatus && n >= 5 && n <= 99) || (!inStatus && n >= 8 && n <= 99)) {
          // Outside status, every caller (rc, service, heartbeat, update-rc.d) only asks "zero or not":
          // a reserved code is still a failure, so it is advice there.
          out.push({ code: 'initscript/bad-exit-code', range: cmd.range, ...(inStatus ? {} : { severity: 'information' as const }), message: `${n} is reserved by LSB${inStatus ? ' for status' : ''}; callers read LSB meanings into it. Use ${inStatus ? '0-4 (0 running, 3 stopped, 4 unknown)' : '0-7 (1 generic error, 2 bad argument, 3 unimplemented…)'}.` });
        }
      }
    }
  }

  checkSubsys(body, src, ctx, out);
  checkLibraryCalls(body, ctx, facts, out);
  checkSources(body, src, ctx, out);
  checkLibrarySourced(body, ctx, facts, out);
  checkPidFiles(body, src, ctx, out);
}

/**
 * `initscript/library-not-sourced`: a functions library's helper called where no library that
 * defines it is loaded (the hover's note, when it is certain: see `libraryNote`). Once per helper.
 */
function checkLibrarySourced(body: BodyModel, ctx: ScriptContext, facts: BodyFacts, out: RawProblem[]): void {
  // Per helper name, its first call (in the body's order) where the note warns.
  for (const [name, at] of commandIndex(body).byName) {
    if (facts.defined.has(name)) continue;
    const fn = libraryFunctionOf(name);
    if (!fn || fn.library === 'program') continue;
    for (const i of at) {
      const c = body.commands[i]!;
      const note = libraryWarning(body, c, fn, { profile: ctx.profile, initDScript: facts.initDScript });
      if (!note || !note.startsWith('⚠')) continue;
      out.push({ code: 'initscript/library-not-sourced', range: c.nameRange, message: note.slice(2).replace(/`/g, "'") });
      break;
    }
  }
}

/** `libraryFunction` by name, remembered (it searches the table; a script has thousands of commands). */
const libraryFunctions = new Map<string, LibraryFunction | undefined>();
function libraryFunctionOf(name: string): LibraryFunction | undefined {
  if (libraryFunctions.has(name)) return libraryFunctions.get(name);
  const fn = libraryFunction(name);
  // Command names are the script's words: remember the table's own names, and short misses up to a bound.
  if (fn || (name.length <= 64 && libraryFunctions.size < 4096)) libraryFunctions.set(name, fn);
  return fn;
}

/** `initscript/pidfile-mismatch`: stop or status reads another pid file than start wrote (resolved paths only). */
function checkPidFiles(body: BodyModel, src: SourceText, ctx: ScriptContext, out: RawProblem[]): void {
  const uses = pidUses(body, [], (t) => resolveIn(t, body, ctx.name));
  const { started, astray } = astrayPidUses(uses);
  const first = astray[0];
  if (!first) return;
  const text = src.lineText(first.line).replace(/\r$/, '');
  out.push({
    code: 'initscript/pidfile-mismatch', range: range(first.line, 0, text.length),
    message: `start writes ${[...started].join(', ')}, but ${first.by} (in ${first.actions.join(', ')}) reads ${first.path}: it does not find the process, so ${first.role === 'stop' ? 'the service is never stopped' : 'status says it is not running'}. Use the same pid file.`,
  });
}

/**
 * Does a case pattern (a shell glob: *, ?, [...]) match the word? Matched token by token with
 * one saved `*` position (O(pattern × word)): a pattern of many `*` turned into a regular
 * expression backtracks exponentially (`**************x)` froze the analysis).
 */
export function globMatches(pattern: string, word: string): boolean {
  type GlobToken = '*' | '?' | { lit: string } | { set: RegExp };
  const toks: GlobToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (toks[toks.length - 1] !== '*') toks.push('*');
    } else if (c === '?') toks.push('?');
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) toks.push({ lit: '[' });
      else {
        try {
          toks.push({ set: new RegExp(`[${pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`) });
        } catch {
          return pattern === word;
        }
        i = close;
      }
    } else toks.push({ lit: c });
  }
  const one = (t: GlobToken, ch: string): boolean => t === '?' ? ch !== '\n' && ch !== '\r' && ch !== '\u2028' && ch !== '\u2029' : typeof t === 'object' && ('lit' in t ? t.lit === ch : t.set.test(ch));
  let p = 0;
  let w = 0;
  let star = -1;
  let starW = 0;
  while (w < word.length) {
    const t = toks[p];
    if (t === '*') {
      star = p++;
      starW = w;
    } else if (t !== undefined && one(t, word[w]!)) {
      p++;
      w++;
    } else if (star >= 0) {
      p = star + 1;
      w = ++starW;
    } else {
      return false;
    }
  }
  while (toks[p] === '*') p++;
  return p === toks.length;
}

function indentOf(src: SourceText, line: number): string {
  return /^[ \t]*/.exec(src.lineText(line))![0];
}

/** A new branch before the `*)` branch (or before `esac`), in the script's own indentation. */
function branchFix(d: NonNullable<BodyModel['dispatcher']>, action: string, src: SourceText) {
  const anchor = d.branches.find((b) => b.patterns.some((p) => p.text === '*'));
  const line = anchor ? anchor.line : d.range.end.line;
  const first = d.branches[0];
  const pad = first ? indentOf(src, first.line) : '  ';
  const inner = first && first.range.end.line > first.line ? indentOf(src, first.line + 1) || pad + '\t' : pad + '\t';
  const bodyLines: Record<string, string[]> = {
    start: ['start'],
    stop: ['stop'],
    restart: ['stop', 'start'],
    status: ['status "$0"'],
    'force-reload': ['stop', 'start'],
  };
  const lines = [`${pad}${action})`, ...(bodyLines[action] ?? [action]).map((l) => `${inner}${l}`), `${inner};;`];
  return { code: action === 'status' ? 'initscript/missing-status' : action === 'force-reload' ? 'initscript/missing-force-reload' : 'initscript/missing-action', title: `Add a '${action})' branch`, edits: [{ range: range(line, 0, 0), newText: lines.join('\n') + '\n' }] };
}

function usageFix(d: NonNullable<BodyModel['dispatcher']>, src: SourceText, body: BodyModel) {
  const first = d.branches[0];
  const pad = first ? indentOf(src, first.line) : '  ';
  const inner = first && first.range.end.line > first.line ? indentOf(src, first.line + 1) || pad + '\t' : pad + '\t';
  const actions = [...new Set(d.branches.flatMap((b) => b.patterns.map((p) => p.text)))].filter((a) => a !== '*').join('|');
  void body;
  const lines = [`${pad}*)`, `${inner}echo "Usage: $0 {${actions}}" >&2`, `${inner}exit 2`, `${inner};;`];
  return { code: 'initscript/no-default-branch', title: "Add a '*)' usage branch that exits 2", preferred: true, edits: [{ range: range(d.range.end.line, 0, 0), newText: lines.join('\n') + '\n' }] };
}

/** Resolves `$var`, `${var}`, `${var-default}` against the script's simple assignments. */
export function resolve(text: string, body: BodyModel, name: string, depth = 0): string | undefined {
  if (depth > 5) return undefined;
  let failed = false;
  const out = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-=]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)|\$\(basename \$0\)|`basename \$0`|\$\{0##\*\/\}/g, (m, a: string | undefined, dflt: string | undefined, b: string | undefined) => {
    if (/basename|0##/.test(m)) return name;
    const v = a ?? b!;
    const assigned = body.assignments.get(v);
    if (assigned && !assigned.ambiguous) {
      const r = resolve(assigned.value, body, name, depth + 1);
      if (r !== undefined) return r;
    }
    if (dflt !== undefined) {
      const r = resolve(dflt, body, name, depth + 1);
      if (r !== undefined) return r;
    }
    failed = true;
    return m;
  });
  return failed || /\$|`/.test(out) ? undefined : out;
}

/** `resolve`, remembered per body for short words (the same pid and lock paths recur in every function). */
const resolvedIn = new WeakMap<BodyModel, { name: string; words: Map<string, string | undefined> }>();
function resolveIn(text: string, body: BodyModel, name: string): string | undefined {
  if (text.length > 256) return resolve(text, body, name);
  let kept = resolvedIn.get(body);
  if (!kept || kept.name !== name) resolvedIn.set(body, (kept = { name, words: new Map() }));
  if (kept.words.has(text)) return kept.words.get(text);
  const r = resolve(text, body, name);
  kept.words.set(text, r);
  return r;
}

function checkSubsys(body: BodyModel, src: SourceText, ctx: ScriptContext, out: RawProblem[]): void {
  if (ctx.profile !== 'rhel') return;
  if (!src.text.includes('lock/subsys')) {
    const start = body.dispatcher?.branches.find((b) => b.patterns.some((p) => p.text === 'start'));
    const r = start ? start.patterns.find((p) => p.text === 'start')!.range : whole(src);
    out.push({ code: 'initscript/subsys-lock-missing', range: r, message: `The script never creates /var/lock/subsys/${ctx.name}: Red Hat rc stops a service at shutdown only when that lock exists. 'touch' it after a successful start and 'rm' it on stop.` });
    return;
  }
  // What the rm commands name, as written and resolved, read once (a script has hundreds of rm and touch).
  let rm: { raws: Set<string>; texts: Set<string>; paths: Set<string>; subsys: boolean } | undefined;
  const removed = (lock: string, word: Word) => {
    if (!rm) {
      rm = { raws: new Set(), texts: new Set(), paths: new Set(), subsys: false };
      for (const c of commandsNamed(body, 'rm')) {
        for (const a of c.args) {
          rm.raws.add(a.raw);
          rm.texts.add(a.text);
          const r = resolveIn(a.text, body, ctx.name);
          if (r !== undefined) rm.paths.add(r);
          if (a.text.includes('lock/subsys')) rm.subsys = true;
        }
      }
    }
    return rm.subsys || rm.raws.has(word.raw) || rm.texts.has(word.text) || rm.paths.has(lock);
  };
  for (const c of commandsNamed(body, 'touch')) {
    for (const a of c.args) {
      if (a.text.startsWith('-')) continue;
      const path = resolveIn(a.text, body, ctx.name);
      const looksLikeLock = path?.includes('/lock/subsys/') ?? /lock/i.test(a.text);
      if (!looksLikeLock) continue;
      let misnamed = false;
      if (path && path.includes('/lock/subsys/')) {
        const lockName = path.slice(path.lastIndexOf('/') + 1);
        if (lockName !== ctx.name && lockName !== `${ctx.name}.init` && lockName.length > 0) {
          misnamed = true;
          out.push({
            code: 'initscript/subsys-lock-name', range: a.range,
            message: `The lock is /var/lock/subsys/${lockName}, but rc looks for /var/lock/subsys/${ctx.name} (the script's name), so it never stops the service. Name the lock '${ctx.name}'.`,
            fixes: !a.dynamic ? [{ code: 'initscript/subsys-lock-name', title: `Name the lock '${ctx.name}'`, preferred: true, edits: [{ range: a.range, newText: a.raw.replace(lockName, ctx.name) }] }] : undefined,
          });
        }
      }
      // A misnamed lock is one fault: fixing the name usually fixes the removal too.
      if (!misnamed && path && path.includes('/lock/subsys/') && !removed(path, a)) {
        out.push({ code: 'initscript/subsys-lock-not-removed', range: a.range, message: "The subsys lock is created but never removed: after the service stops, rc thinks it still runs and skips starting it. 'rm -f' it in stop." });
      }
    }
  }
}

function checkLibraryCalls(body: BodyModel, ctx: ScriptContext, facts: BodyFacts, out: RawProblem[]): void {
  for (const c of commandsNamed(body, 'status', 'killproc', 'daemon')) {
    if (facts.defined.has(c.name)) continue;
    if (c.name === 'status' && c.args.length > 0) checkStatusCall(c, out);
    else if (c.name === 'killproc' && c.args.length > 0) checkKillprocCall(c, out);
    else if (c.name === 'daemon' && c.args.length > 0 && ctx.profile !== 'debian') {
      checkDaemonCall(c, out);
      const fg = foregroundProgram(c);
      // Red Hat's daemon runs the program and waits for it (Debian's /usr/bin/daemon detaches: profile off).
      if (fg) out.push({ code: 'initscript/daemon-foreground', range: fg.program.range, message: `${fg.why.replace(/`/g, "'")}: Red Hat's daemon waits for it, so '${ctx.name} start' does not return and rc stops the boot at this script (and the service is gone once it exits). Let the program detach (its daemon option), or start it with 'nohup … &'.` });
    }
  }
}

function checkStatusCall(c: CommandInfo, out: RawProblem[]): void {
  const order = ['-p', '-l', '-b'];
  let next = 0;
  let i = 0;
  while (i < c.args.length && c.args[i]!.text.startsWith('-')) {
    const opt = c.args[i]!.text;
    const pos = order.indexOf(opt);
    if (pos < next || pos < 0) {
      out.push({ code: 'initscript/status-option-order', range: c.range, message: `status reads its options in the order -p, -l, -b: here '${opt}' comes ${pos < 0 ? 'where it is not an option' : 'too late'} and is taken as the program name. Write 'status ${reorder(c.args, order)}'.` });
      return;
    }
    next = pos + 1;
    i += 2;
  }
  for (let j = i + 1; j < c.args.length; j++) {
    if (order.includes(c.args[j]!.text)) {
      out.push({ code: 'initscript/status-option-order', range: c.range, message: `status reads options only before the program: '${c.args[j]!.text}' after '${c.args[i]!.text}' is ignored. Write 'status ${reorder(c.args, order)}'.` });
      return;
    }
  }
}

function reorder(args: Word[], order: string[]): string {
  const opts: [string, string][] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!.raw;
    if (order.includes(args[i]!.text) && i + 1 < args.length) {
      opts.push([args[i]!.text, args[i + 1]!.raw]);
      i++;
    } else {
      rest.push(a);
    }
  }
  opts.sort((x, y) => order.indexOf(x[0]) - order.indexOf(y[0]));
  return [...opts.map(([o, v]) => `${o} ${v}`), ...rest].join(' ');
}

function checkKillprocCall(c: CommandInfo, out: RawProblem[]): void {
  const order = ['-p', '-b', '-d'];
  let next = 0;
  let i = 0;
  let sawP = false;
  while (i < c.args.length && order.includes(c.args[i]!.text)) {
    const opt = c.args[i]!.text;
    const pos = order.indexOf(opt);
    if (pos < next) {
      out.push({ code: 'initscript/killproc-option-order', range: c.range, message: `killproc reads its options in the order -p, -b, -d: '${opt}' comes too late and is taken as the program. Write 'killproc ${reorder(c.args, order)}'.` });
      return;
    }
    if (opt === '-p') sawP = true;
    if (opt === '-b' && !sawP) {
      out.push({ code: 'initscript/killproc-option-order', range: c.range, message: "killproc refuses -b without -p (\"-b option can be used only with -p\"). Add '-p PIDFILE' before it." });
      return;
    }
    next = pos + 1;
    i += 2;
  }
  for (let j = i + 1; j < c.args.length; j++) {
    if (order.includes(c.args[j]!.text)) {
      out.push({ code: 'initscript/killproc-option-order', range: c.range, message: `killproc reads options only before the program: '${c.args[j]!.text}' after '${c.args[i]?.raw}' is taken as a signal. Write 'killproc ${reorder(c.args, order)}'.` });
      return;
    }
  }
}

function checkDaemonCall(c: CommandInfo, out: RawProblem[]): void {
  for (let i = 0; i < c.args.length; i++) {
    const a = c.args[i]!;
    if (a.dynamic && !/^[-+]/.test(a.text)) return;
    if (!/^[-+]/.test(a.text)) return; // the program: options end here
    if (/^--(check|user|pidfile)=/.test(a.text) || a.text === '--force' || /^[+-]\d+$/.test(a.text)) continue;
    if (/^--(check|user|pidfile)$/.test(a.text)) {
      i++;
      continue;
    }
    out.push({ code: 'initscript/daemon-unknown-option', range: a.range, message: `daemon does not know '${a.text}': it prints its usage and returns 1, so the service does not start. Use --check, --user, --pidfile, --force or +N/-N, or put program options after the program.` });
    return;
  }
}

function checkSources(body: BodyModel, src: SourceText, ctx: ScriptContext, out: RawProblem[]): void {
  const sources = commandIndex(body).sources.filter((c) => c.args[0]);
  const lsb = sources.find((c) => c.args[0]!.text === LIBRARIES.lsb);
  if (lsb) {
    const shebang = src.lineText(0);
    const sets = commandsNamed(body, 'set').filter((c) => c.args.some((a) => /^-[a-z]*$/.test(a.text) && a.text.includes('e')) && before(c.range, lsb.range));
    if (/^#!\S*\s+-[a-z]*e/.test(shebang)) {
      out.push({ code: 'initscript/set-e-init-functions', range: whole(src), message: "The shebang's -e makes the script stop when an init-functions helper returns non-zero; LSB forbids 'set -e' with /lib/lsb/init-functions. Drop the -e." });
    } else if (sets[0]) {
      out.push({ code: 'initscript/set-e-init-functions', range: sets[0].range, message: "'set -e' before sourcing /lib/lsb/init-functions: a helper returning non-zero aborts the script, which LSB forbids. Remove it or move it after the helpers' use." });
    }
  }
  // The script's own defaults file: /etc/default/NAME (NAME without .sh) or /etc/default/$VAR.
  const own = ctx.name.replace(/\.sh$/, '');
  for (const c of sources) {
    const path = c.args[0]!.text;
    if (!path.startsWith('/etc/default/')) continue;
    const file = path.slice('/etc/default/'.length);
    if (file !== own && !/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(file)) continue;
    if (c.guarded) continue;
    // `[ -r F ] || exit 0` (or `if [ ! -r F ]; then exit; fi`) before it: it runs only when F is there.
    if (body.exitGuards.some((g) => g.line <= c.range.start.line && g.text.includes(path))) continue;
    out.push({ code: 'initscript/unguarded-source', range: c.range, message: `With /bin/sh = dash, sourcing a missing ${path} aborts the script. Guard it: '[ -r ${path} ] && . ${path}'.`, fixes: c.args[0]!.dynamic ? undefined : [{ code: 'initscript/unguarded-source', title: 'Source it only if it is readable', preferred: true, edits: [{ range: c.range, newText: `[ -r ${c.args[0]!.raw} ] && ${src.text.slice(src.offsetAt(c.range.start.line, c.range.start.character), src.offsetAt(c.range.end.line, c.range.end.character))}` }] }] });
  }
  void ctx;
}

function before(a: Range, b: Range): boolean {
  return a.start.line < b.start.line || (a.start.line === b.start.line && a.start.character < b.start.character);
}

/**
 * Commands that may remove or reset an address between two `ip addr add` of it (for
 * `ipaddr/duplicate-address`; `ip` commands themselves are judged by the ipaddr module).
 */
const ADDRESS_BARRIERS = new Set([
  'eval', '.', 'source', 'exec', 'exit', 'return', 'break', 'continue', 'sh', 'bash', 'dash', 'ksh',
  'ifconfig', 'ifdown', 'ifup', 'ifenslave', 'service', 'invoke-rc.d', 'systemctl', 'nmcli', 'dhclient', 'udhcpc', 'pump',
  'brctl', 'vconfig', 'modprobe', 'rmmod', 'IPaddr', 'IPaddr2', 'findif',
]);

/**
 * Whether a command of this name may change addresses (besides the script's own functions):
 * a barrier command, a path under init.d or rc.d, a name through a variable. Remembered for
 * short names (a script repeats its few commands).
 */
const barrierNames = new Map<string, boolean>();
function barrierName(name: string): boolean {
  let b = barrierNames.get(name);
  if (b === undefined) {
    const base = name.slice(name.lastIndexOf('/') + 1);
    b = /[$`]/.test(name) || ADDRESS_BARRIERS.has(base) || /\/(init\.d|rc\.d)\//.test(name);
    if (name.length <= 64 && barrierNames.size < 4096) barrierNames.set(name, b);
  }
  return b;
}

/** `checkIpCommand` of one command, kept per command object (reused statements keep theirs; their words do not change). */
const ipFindings = new WeakMap<CommandInfo, RawProblem[]>();

/**
 * What the duplicate-address check was given for one version (its ip commands, each one's
 * statement list, barriers) and what it found: the next version, whose statements are mostly the
 * same objects, reuses the findings when it gives the same.
 */
export interface IpMemo {
  /** Per step: the ip command, or null for a barrier between two of them. */
  steps: (CommandInfo | null)[];
  blocks: (number | undefined)[];
  barriers: boolean[];
  duplicates: RawProblem[];
}

/** `ip addr add|del|change|replace` commands, checked by the ipaddr rules; duplicate adds on one path. Returns what the next version can reuse. */
export function checkIpCommands(body: BodyModel, out: RawProblem[], previous?: IpMemo): IpMemo | undefined {
  const { byName } = commandIndex(body);
  // The ip commands' positions, from the index: most scripts have none, a 20k-line one a few hundred.
  const ips: number[] = [];
  for (const [name, at] of byName) if (name === 'ip' || name.endsWith('/ip')) for (const i of at) ips.push(i);
  if (ips.length === 0) return undefined;
  ips.sort((a, b) => a - b);
  const defined = definedNames(body);
  // Other commands matter only as barriers between two adds (most scripts have thousands):
  // marked by name, then one barrier step for any number of them between two ip commands.
  const barrier = new Uint8Array(body.commands.length);
  for (const [name, at] of byName) if (defined.has(name) || barrierName(name)) for (const i of at) barrier[i] = 1;
  const memo: IpMemo = { steps: [], blocks: [], barriers: [], duplicates: [] };
  let from = 0;
  for (const i of ips) {
    for (let k = from; k < i; k++) {
      if (barrier[k]) {
        memo.steps.push(null);
        memo.blocks.push(undefined);
        memo.barriers.push(true);
        break;
      }
    }
    from = i + 1;
    const c = body.commands[i]!;
    memo.steps.push(c);
    memo.blocks.push(c.block);
    memo.barriers.push(barrier[i] === 1);
    let found = ipFindings.get(c);
    if (!found) ipFindings.set(c, (found = checkIpCommand(ipWords(c))));
    for (const p of found) out.push(p);
  }
  const same = previous !== undefined && previous.steps.length === memo.steps.length
    && memo.steps.every((c, k) => c === previous.steps[k] && memo.blocks[k] === previous.blocks[k] && memo.barriers[k] === previous.barriers[k]);
  memo.duplicates = same ? previous.duplicates : checkDuplicateAddresses(memo.steps.map((c, k) => (c ? { words: ipWords(c), block: memo.blocks[k], barrier: memo.barriers[k] } : { words: [], barrier: true })));
  for (const p of memo.duplicates) out.push(p);
  return memo;
}

function ipWords(c: CommandInfo): { text: string; range: Range }[] {
  return [{ text: c.name, range: c.nameRange }, ...c.args.map((a) => ({ text: a.raw, range: a.range }))];
}

/** Syntax errors: tree-sitter's candidates, confirmed by the script's own shell. */
export function checkSyntax(body: BodyModel, src: SourceText, ctx: ScriptContext, out: RawProblem[]): void {
  if (body.errors.length === 0) return;
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(src.lineText(0));
  let shell = shebang ? shebang[1]!.slice(shebang[1]!.lastIndexOf('/') + 1) : 'sh';
  if (shell === 'env' && shebang?.[2]) shell = shebang[2];
  const verdict = ctx.host?.shellSyntax?.(shell, src.text, ctx.path);
  // The host runs the shell in the background and re-checks the document when it answers.
  if (verdict?.ok === 'pending') return;
  if (verdict?.ok === true) return; // the shell accepts what tree-sitter could not parse
  if (verdict && verdict.ok === false) {
    const line = Math.min(Math.max(verdict.line, 0), src.lineCount - 1);
    out.push({ code: 'initscript/syntax-error', range: whole(src, line), message: `${shell} -n: ${verdict.message}. The script stops here when it runs; fix the syntax.` });
    return;
  }
  const first = body.errors[0]!;
  out.push({ code: 'initscript/syntax-error', range: first, severity: 'warning', message: `Possible syntax error (the parser could not read this, and no ${shell} was available to confirm). Check it with '${shell} -n'.` });
}
