/**
 * inittab checks: pure functions from the parsed model to problems. Each entry gets at
 * most one diagnostic for the fault that makes init reject it (the one init itself would
 * print), then, if init accepts it, the warnings about what it will do with it.
 *
 * @see spec/checks.md "inittab", spec/domain.md §1
 */
import { byteLength, nearest, type SourceText } from '../../core/text';
import { range, type Fix, type Range, type RawProblem } from '../../core/types';
import type { Settings } from '../../core/settings';
import type { Entry, Field, InittabModel } from './parse';
import {
  BUSYBOX_TTY_PREFIXES, LIMITS, SHELL_CHARS, VALID_RUNLEVEL_CHARS,
  actionsOf, findAction, type ActionSpec, type Dialect,
} from './spec';

/** Facts the checks learn about the file, shared with hover and code lenses. */
export interface InittabFacts {
  /** The first initdefault entry init accepts, and the level it resolves to. */
  initdefault?: { entry: Entry; level: string };
  /** Entries init accepts. */
  accepted: Set<Entry>;
}

export interface CheckOptions {
  settings: Settings;
  /** A file of /etc/inittab.d: init reads one entry from it, so it has no initdefault. */
  fragment: boolean;
}

export function checkInittab(model: InittabModel, src: SourceText, options: CheckOptions): { problems: RawProblem[]; facts: InittabFacts } {
  const settings = options.settings;
  const out: RawProblem[] = [];
  const facts: InittabFacts = { accepted: new Set() };
  if (model.dialect === 'busybox') checkBusybox(model, src, out, facts);
  else checkSysvinit(model, src, options, out, facts);
  checkLineEndings(model, src, settings, out);
  return { problems: out, facts };
}

const fieldRange = (e: Entry, f: Field): Range => range(e.line, f.start, f.end);
const lineRange = (e: Entry): Range => range(e.line, e.indent, e.text.length);
const replaceFix = (code: string, title: string, r: Range, newText: string): Fix => ({ code, title, edits: [{ range: r, newText }], preferred: true });

// ---------------------------------------------------------------------------------------
// sysvinit

function checkSysvinit(model: InittabModel, src: SourceText, options: CheckOptions, out: RawProblem[], facts: InittabFacts): void {
  const settings = options.settings;
  const ids = new Map<string, Entry>();
  const initdefaults: Entry[] = [];

  const longLines = tooLongLines(model, src);
  for (const line of longLines) {
    out.push({
      code: 'inittab/line-too-long', range: range(line, 0, src.lineText(line).length),
      message: settings.sysvinitVersion === 3
        ? `Line is ${byteLength(src.lineText(line))} bytes; sysvinit reads at most 254 bytes plus the newline and drops this line ("Possibly too long"). Shorten it, e.g. move the command into a script.`
        : `Line is ${byteLength(src.lineText(line))} bytes; sysvinit 2.88 reads it in 255-byte pieces and parses each piece as an entry of its own. Shorten it, e.g. move the command into a script.`,
    });
  }
  const tooLong = new Set(longLines);

  for (const e of model.entries) {
    if (tooLong.has(e.line)) continue;
    const reject = sysvinitRejection(e, settings);
    if (reject) {
      out.push(reject);
      continue;
    }
    const action = findAction(e.action!.text, 'sysvinit');
    if (!action) {
      out.push(unknownAction(e, 'sysvinit', model.dialectReason));
      continue;
    }
    const previous = e.id.text === '~~' ? undefined : ids.get(e.id.text);
    if (previous) {
      out.push({
        code: 'inittab/duplicate-id', range: fieldRange(e, e.id),
        message: `id '${e.id.text}' is already used on line ${previous.line + 1}; init drops this entry. Give it another id of at most 4 characters.`,
        related: [{ path: '', range: fieldRange(previous, previous.id), message: `'${e.id.text}' first used here` }],
      });
      continue;
    }
    ids.set(e.id.text, e);
    facts.accepted.add(e);
    if (action.name === 'initdefault') {
      initdefaults.push(e);
      continue;
    }
    checkSysvinitFields(e, action, out);
  }

  checkInitdefault(model, src, initdefaults, options.fragment, out, facts);
}

function tooLongLines(model: InittabModel, src: SourceText): number[] {
  const lines: number[] = [];
  model.kinds.forEach((kind, i) => {
    // A UTF-16 unit is at most 3 bytes of UTF-8: most lines need no count.
    const text = src.lines[i]!.text;
    if (kind !== 'blank' && text.length * 3 >= LIMITS.lineBytes && byteLength(text) >= LIMITS.lineBytes) lines.push(i);
  });
  return lines;
}

/**
 * The message `read_inittab` would print for a malformed entry. Its checks run in a fixed
 * order and each one overwrites the previous message, so the last applicable one wins.
 */
function sysvinitRejection(e: Entry, settings: Settings): RawProblem | undefined {
  let found: RawProblem | undefined;
  const missing = (what: string, extra = ''): RawProblem => ({
    code: 'inittab/missing-field', range: lineRange(e),
    message: `init skips this entry: missing ${what} field${extra}. An entry is id:runlevels:action:process.`,
  });
  const tooLong = (f: Field, what: string, max: number, unit = 'characters'): RawProblem => ({
    code: 'inittab/field-too-long', range: fieldRange(e, f),
    message: `The ${what} is ${unit === 'bytes' ? byteLength(f.text) : f.text.length} ${unit} long; init skips entries whose ${what} is longer than ${max} ${unit}. Shorten it.`,
  });

  if (e.id.text.length === 0) found = missing('id');
  if (!e.runlevels) found = missing('runlevel');
  if (!e.process) {
    if (e.action && findAction(e.action.text, 'sysvinit')?.name === 'initdefault') {
      found = {
        code: 'inittab/missing-field', range: lineRange(e),
        message: `initdefault needs its final ':' (${e.text.trim()}:); without it init skips the line ("missing process field") and asks for a runlevel at every boot.`,
        fixes: [{ code: 'inittab/missing-field', title: "Add the final ':'", edits: [{ range: range(e.line, e.text.length, e.text.length), newText: ':' }], preferred: true }],
      };
    } else {
      found = missing('process', e.action ? ` (add ':' and the command after '${e.action.text}')` : '');
    }
  }
  if (!e.action || e.action.text.length === 0) found = missing('action');
  if (e.id.text.length > LIMITS.id) found = tooLong(e.id, 'id', LIMITS.id);
  if (e.runlevels && e.runlevels.text.length > LIMITS.runlevels) found = tooLong(e.runlevels, 'runlevels field', LIMITS.runlevels);
  const processMax = LIMITS.process[settings.sysvinitVersion];
  if (e.process && e.process.text.length * 3 > processMax && byteLength(e.process.text) > processMax) found = tooLong(e.process, 'process field', processMax, 'bytes');
  if (e.action && e.action.text.length > LIMITS.action) found = tooLong(e.action, 'action', LIMITS.action);
  return found;
}

function unknownAction(e: Entry, dialect: Dialect, dialectReason: string): RawProblem {
  const field = e.action!;
  const r = fieldRange(e, field);
  const word = field.text;
  const trimmed = word.trim();
  const code = 'inittab/unknown-action';
  const other: Dialect = dialect === 'sysvinit' ? 'busybox' : 'sysvinit';

  if (trimmed !== word && findAction(trimmed, dialect)) {
    // Blanks around ':' are kept by both parsers; trimming every field is the certain fix.
    const fixed = [e.id, e.runlevels, e.action].map((f) => f!.text.trim()).join(':') + ':' + (e.process?.text.trimStart() ?? '');
    return {
      code, range: r,
      message: `The action is '${word}' with its blanks, which init does not know: blanks next to ':' are not trimmed. Remove them.`,
      fixes: [replaceFix(code, 'Remove the blanks around the fields', range(e.line, e.indent, e.text.length), fixed)],
    };
  }
  if (findAction(trimmed, other)) {
    return {
      code, range: r,
      message: dialect === 'sysvinit'
        ? `'${trimmed}' is a BusyBox action; sysvinit skips this line (this file is read as sysvinit, ${dialectReason}). Use a sysvinit action or set sysvHa.inittab.dialect.`
        : `'${trimmed}' is a sysvinit action; BusyBox init rejects this line ("Bad inittab entry"). BusyBox has no runlevels: remove the line or use a BusyBox action.`,
    };
  }
  const names = actionsOf(dialect).map((a) => a.name);
  // A case slip is certain in BusyBox (sysvinit ignores case anyway).
  const caseMatch = names.find((n) => n.toLowerCase() === trimmed.toLowerCase());
  const guess = caseMatch ?? nearest(dialect === 'sysvinit' ? trimmed.toLowerCase() : trimmed, names);
  return {
    code, range: r,
    message: `Unknown action '${word}'${guess ? `: did you mean '${guess}'?` : ''} init skips this line. Known actions: ${names.join(', ')}.`,
    fixes: guess ? [replaceFix(code, `Change to '${guess}'`, r, guess)] : undefined,
  };
}

function checkSysvinitFields(e: Entry, action: ActionSpec, out: RawProblem[]): void {
  const levels = e.runlevels!;
  const blankInId = /[ \t]/.test(e.id.text);
  const blankInLevels = /[ \t]/.test(levels.text);
  if (blankInId || blankInLevels) {
    const f = blankInId ? e.id : levels;
    out.push({
      code: 'inittab/whitespace-in-field', range: fieldRange(e, f),
      message: `Blanks next to ':' are kept: the ${blankInId ? 'id' : 'runlevels field'} is '${f.text}'. Remove them.`,
      fixes: [{
        code: 'inittab/whitespace-in-field', title: 'Remove the blanks', preferred: true,
        edits: [e.id, levels].filter((x) => /[ \t]/.test(x.text)).map((x) => ({ range: fieldRange(e, x), newText: x.text.replace(/[ \t]+/g, '') })),
      }],
    });
  }

  const text = levels.text;
  if (action.runlevels === 'ignored' && text.trim().length > 0) {
    out.push({
      code: 'inittab/runlevels-ignored', range: fieldRange(e, levels),
      message: `init ignores the runlevels of a '${action.name}' entry: it always runs at boot. Leave the field empty.`,
    });
  } else {
    const bad = [...new Set([...text].filter((c) => c !== ' ' && c !== '\t' && !VALID_RUNLEVEL_CHARS.includes(c)))];
    if (bad.length > 0) {
      const onlyCommas = bad.every((c) => c === ',');
      out.push({
        code: 'inittab/unknown-runlevel', range: fieldRange(e, levels),
        message: `${bad.map((c) => `'${c}'`).join(', ')} ${bad.length > 1 ? 'are not runlevels and never match' : 'is not a runlevel and never matches'}. Write the levels as one word of 0-9, S, A-C${onlyCommas ? ` (${text.replace(/,/g, '')})` : ''}.`,
        fixes: onlyCommas ? [replaceFix('inittab/unknown-runlevel', `Change to '${text.replace(/,/g, '')}'`, fieldRange(e, levels), text.replace(/,/g, ''))] : undefined,
      });
    }
    const s = text.indexOf('s');
    if (s >= 0 && !text.includes('S')) {
      const r = range(e.line, levels.start + s, levels.start + s + 1);
      out.push({
        code: 'inittab/lowercase-s-runlevel', range: r,
        message: "A lower-case 's' here never matches single-user mode (a bug in init's inittab reader). Write 'S'.",
        fixes: [replaceFix('inittab/lowercase-s-runlevel', "Change to 'S'", r, 'S')],
      });
    }
    const ondemandLetters = /[abcABC]/.test(text);
    if (action.name === 'ondemand' && !ondemandLetters) {
      out.push({
        code: 'inittab/ondemand-runlevels', range: fieldRange(e, levels),
        message: "An ondemand entry without a, b or c is never started by 'telinit a/b/c' and behaves like respawn in the listed levels. Add the letter it should answer to.",
      });
    } else if (action.name !== 'ondemand' && ondemandLetters) {
      out.push({
        code: 'inittab/ondemand-runlevels', range: fieldRange(e, levels),
        message: `a, b and c are ondemand levels: on a '${action.name}' entry they match only after 'telinit a/b/c'.`,
      });
    }
  }

  const proc = e.process!;
  let body = proc.text;
  let offset = proc.start;
  if (body.startsWith('+')) { body = body.slice(1); offset++; }
  const noShell = body.startsWith('@');
  const plain = noShell || ![...SHELL_CHARS].some((c) => body.includes(c));
  if (plain) {
    const words = [...body.matchAll(/[^ \t]+/g)];
    let count = 0;
    for (const w of words) {
      const hash = w[0].indexOf('#');
      if (hash === 0) break; // a comment after a blank does what it says
      count++;
      if (hash > 0) {
        const start = offset + w.index! + hash;
        out.push({
          code: 'inittab/hash-in-command', range: range(e.line, start, proc.end),
          message: `init ends a plain command at '#': everything from '${w[0].slice(hash)}' on is dropped. Quote the argument (init then runs the command through /bin/sh, which keeps it).`,
        });
        break;
      }
      if (count === LIMITS.words + 1) {
        out.push({
          code: 'inittab/too-many-words', range: range(e.line, offset + w.index!, proc.end),
          message: `init passes at most ${LIMITS.words} words of a plain command; the words from here on are dropped silently. Move the command into a script.`,
        });
        break;
      }
    }
  }
  checkBackgrounded(e, action, proc.text, 'sysvinit', out);
}

function checkBackgrounded(e: Entry, action: ActionSpec, command: string, dialect: Dialect, out: RawProblem[]): void {
  if (!action.respawns) return;
  const m = /(^|[^&])(&)[ \t]*$/.exec(command);
  if (!m) return;
  const at = e.process!.start + m.index + m[1]!.length;
  out.push({
    code: 'inittab/respawn-backgrounded', range: range(e.line, at, at + 1),
    message: dialect === 'busybox'
      ? "The command runs in the background, so it exits at once and BusyBox init restarts it every second. Run the program in the foreground (drop '&' and any daemon option)."
      : `The command runs in the background, so the shell exits at once and init restarts it in a loop ("respawning too fast: disabled for 5 minutes"). Run the program in the foreground (drop '&' and any daemon option).`,
  });
}

function checkInitdefault(model: InittabModel, src: SourceText, initdefaults: Entry[], fragment: boolean, out: RawProblem[], facts: InittabFacts): void {
  const [first, ...later] = initdefaults;
  for (const e of later) {
    out.push({
      code: 'inittab/multiple-initdefault', range: lineRange(e),
      message: `Only the first initdefault (line ${first!.line + 1}) is read; this one is ignored. Remove it.`,
      related: [{ path: '', range: lineRange(first!), message: 'the initdefault init uses' }],
    });
  }
  if (!first) {
    if (model.entries.length > 0 && !fragment) {
      out.push({
        code: 'inittab/no-initdefault', range: range(0, 0, src.lineText(0).replace(/\r$/, '').length),
        message: "No initdefault entry init accepts: at every boot init asks 'Enter runlevel:' on the console, and a headless machine hangs. Add e.g. 'id:3:initdefault:'.",
      });
    }
    return;
  }
  const levels = first.runlevels!;
  // get_init_default(): the highest character wins; an empty field was expanded to 0-9.
  const raw = levels.text.length === 0 ? '9' : [...levels.text].reduce((a, b) => (b > a ? b : a));
  const level = raw.toUpperCase();
  const r = levels.text.length === 0 ? lineRange(first) : fieldRange(first, levels);
  if (!'0123456789S'.includes(level) || level.length !== 1) {
    out.push({
      code: 'inittab/initdefault-invalid', range: r,
      message: `initdefault resolves to '${raw}', which is not a runlevel: init logs "Initdefault level '${raw}' is invalid" and waits at 'Enter runlevel:'. Use one of 0-9 or S (usually 3 or 5).`,
    });
    return;
  }
  facts.initdefault = { entry: first, level };
  if (level === '0' || level === '6') {
    out.push({
      code: 'inittab/initdefault-halt-reboot', range: r,
      message: `initdefault ${level} ${level === '0' ? 'halts' : 'reboots'} the machine straight after every boot. Use 3 (multi-user) or 5 (graphical) on Red Hat, 2 on Debian.`,
    });
  }
  if (levels.text.length !== 1) {
    out.push({
      code: 'inittab/initdefault-multiple-levels', range: r,
      message: levels.text.length === 0
        ? 'An empty initdefault field means runlevel 9 (the highest of 0-9). Give the one runlevel to boot into.'
        : `initdefault takes only the highest character: '${levels.text}' boots into ${level}. Give one runlevel.`,
      // Writing the level init already picks is certain; an empty field has no certain fix.
      fixes: levels.text.length > 0 ? [replaceFix('inittab/initdefault-multiple-levels', `Change to '${level}'`, r, level)] : undefined,
    });
  }
}


// ---------------------------------------------------------------------------------------
// BusyBox

function checkBusybox(model: InittabModel, src: SourceText, out: RawProblem[], facts: InittabFacts): void {
  for (const line of model.indented) {
    const kind = model.kinds[line];
    out.push({
      code: 'inittab/busybox-leading-blank', range: range(line, 0, src.lineText(line).replace(/\r$/, '').length),
      message: kind === 'blank'
        ? 'BusyBox init reads a line of only blanks as an entry and rejects it ("Bad inittab entry"). Make the line empty.'
        : `BusyBox init does not skip leading blanks: this indented ${kind === 'comment' ? 'comment' : 'entry'} is rejected ("Bad inittab entry"). Start it in column 1.`,
    });
  }

  for (const e of model.entries) {
    const cut = e.commentAt !== undefined ? ` ('#' at column ${e.commentAt + 1} ends the line)` : '';
    if (!e.action || !e.process) {
      out.push({ code: 'inittab/missing-field', range: range(e.line, 0, e.text.length), message: `BusyBox init rejects this line ("Bad inittab entry"): it needs tty:runlevels:action:command${cut}.` });
      continue;
    }
    const action = findAction(e.action.text, 'busybox');
    if (!action) {
      out.push(unknownAction(e, 'busybox', model.dialectReason));
      continue;
    }
    if (e.process.text.length === 0) {
      out.push({ code: 'inittab/missing-field', range: range(e.line, 0, e.text.length), message: `BusyBox init rejects an entry with an empty command ("Bad inittab entry")${cut}. Add the command after the last ':'.` });
      continue;
    }
    facts.accepted.add(e);
    const tty = e.id.text.replace(/^\/dev\//, '');
    if (tty.length > 0 && !BUSYBOX_TTY_PREFIXES.some((p) => tty.startsWith(p))) {
      out.push({
        code: 'inittab/busybox-bad-tty', range: fieldRange(e, e.id),
        message: `BusyBox reads the first field as a terminal: this entry runs on /dev/${tty}, which init cannot open. Leave it empty for the console, or name a tty (ttyS0, tty1, console, null).`,
      });
    }
    if (e.runlevels && e.runlevels.text.length > 0) {
      out.push({ code: 'inittab/runlevels-ignored', range: fieldRange(e, e.runlevels), message: 'BusyBox init ignores the runlevels field. Leave it empty.' });
    }
    if (e.commentAt !== undefined && e.commentAt >= e.process.start) {
      const before = e.text.slice(e.process.start, e.commentAt);
      const quoted = (before.split("'").length - 1) % 2 === 1 || (before.split('"').length - 1) % 2 === 1;
      const glued = e.commentAt > e.process.start && !/[ \t]/.test(e.text[e.commentAt - 1]!);
      if (quoted || glued) {
        out.push({
          code: 'inittab/hash-in-command', range: range(e.line, e.commentAt, e.text.length),
          message: `BusyBox init cuts the line at '#'${quoted ? ', even inside quotes' : ''}: '${e.text.slice(e.commentAt)}' never reaches the command. Move the command into a script.`,
        });
      }
    }
    checkBackgrounded(e, action, e.process.text, 'busybox', out);
  }
}

// ---------------------------------------------------------------------------------------
// Both dialects

function checkLineEndings(model: InittabModel, src: SourceText, settings: Settings, out: RawProblem[]): void {
  if (model.firstCrLine >= 0) {
    // No quick fix: editors keep a document's line-ending setting and re-apply it to edits.
    out.push({
      code: 'inittab/crlf', range: range(model.firstCrLine, 0, src.lineText(model.firstCrLine).length),
      message: 'This file has CR LF line endings: the CR stays in the last field and is passed to the program (e.g. "tty1\\r"). Convert the file to LF line endings.',
    });
  }
  if (model.dialect === 'sysvinit' && settings.sysvinitVersion === 3 && model.lastLineUnterminated && model.kinds[src.lines.length - 1] === 'entry') {
    const last = src.lines.length - 1;
    out.push({
      code: 'inittab/no-final-newline', range: range(last, 0, src.lineText(last).length),
      message: 'The last line has no newline: sysvinit 3.14 and later drop it ("Possibly too long"). End the file with a newline.',
      fixes: [{ code: 'inittab/no-final-newline', title: 'Add a final newline', edits: [{ range: range(last, src.lineText(last).length, src.lineText(last).length), newText: '\n' }], preferred: true }],
    });
  }
}

