/**
 * Facts about a script's body that hover shows beside the docs: where a library function
 * comes from in this script (and whether it is sourced before it is used), a `daemon` of a
 * program that stays in the foreground, and the usage text against the implemented actions.
 * They have no code in the diagnostic catalogue, so they are notes, not diagnostics.
 */
import type { BodyModel, CommandInfo } from './body';
import { ACTIONS, LIBRARIES, type LibraryFunction } from './spec';

const before = (a: CommandInfo, b: CommandInfo) => a.range.start.line < b.range.start.line || (a.range.start.line === b.range.start.line && a.range.start.character < b.range.start.character);

/** Library functions that some systems also ship as programs (SUSE's /sbin/killproc). */
const PROGRAMS_TOO = ['killproc', 'pidofproc', 'start_daemon'];

/** Every functions library a script may source. */
const ALL_LIBRARIES: readonly string[] = Object.values(LIBRARIES);

/** The libraries that define a function, as a script sources them (LSB defines killproc and pidofproc too). */
function librariesFor(fn: LibraryFunction): string[] {
  const lsbToo = ['killproc', 'pidofproc', 'start_daemon'].includes(fn.name);
  switch (fn.library) {
    case 'rhel': return lsbToo ? [LIBRARIES.rhel, LIBRARIES.rhelAlias, LIBRARIES.lsb] : [LIBRARIES.rhel, LIBRARIES.rhelAlias];
    case 'lsb': return [LIBRARIES.lsb, LIBRARIES.rhel, LIBRARIES.rhelAlias];
    case 'debian': return [LIBRARIES.lsb, LIBRARIES.initDScript];
    default: return [];
  }
}

/** `. FILE` / `source FILE` commands of the body, by the file they read. */
function sourced(body: BodyModel, files: readonly string[]): CommandInfo[] {
  return body.commands.filter((c) => (c.name === '.' || c.name === 'source') && c.args[0] !== undefined && files.includes(c.args[0].text));
}

/**
 * Where the library function called by `call` comes from in this script. Said only when it is
 * certain: a library that defines it is sourced (before the call, or after it), or no functions
 * library at all is sourced (SUSE's killproc and startproc are programs, not functions).
 */
export function libraryNote(body: BodyModel, call: CommandInfo, fn: LibraryFunction, script: { profile: string; initDScript: boolean }): string | undefined {
  const files = librariesFor(fn);
  if (files.length === 0) return undefined;
  if (script.initDScript) return fn.library === 'rhel' && !files.includes(LIBRARIES.lsb) ? undefined : `Defined by \`${LIBRARIES.lsb}\`, which \`${LIBRARIES.initDScript}\` loads before this script.`;
  const line = (c: CommandInfo) => c.range.start.line + 1;
  const any = sourced(body, ALL_LIBRARIES);
  if (any.length === 0) {
    // killproc, pidofproc and startproc are programs on SUSE; a sourced $VARIABLE may be a library.
    if (PROGRAMS_TOO.includes(fn.name) || script.profile === 'suse' || body.commands.some((c) => (c.name === '.' || c.name === 'source') && c.args[0]?.dynamic)) return undefined;
    return `⚠ This script sources no functions library (\`${files[0]}\` defines \`${fn.name}\`): run on its own, the shell says \`${fn.name}: command not found\`.`;
  }
  // A top-level call before every library is sourced fails; a call inside a function runs when
  // the function is called, usually after the top-level source.
  if (call.inFunction === undefined && any.every((s) => !before(s, call))) {
    return `⚠ Used on line ${line(call)}, before \`${any[0]!.args[0]!.text}\` is sourced on line ${line(any[0]!)}: at that point the shell says \`${fn.name}: command not found\`. Source the library first.`;
  }
  const defining = sourced(body, files);
  const first = defining.find((s) => before(s, call)) ?? defining[0];
  return first ? `Defined by \`${first.args[0]!.text}\`, sourced on line ${line(first)}.` : undefined;
}

/**
 * Programs that stay in the foreground as called: `daemon` (Red Hat) waits for its program,
 * so `start` never returns. `always`: never detaches; `unless`: detaches only with one of these
 * words; `with`: stays in the foreground when given one of these words.
 */
const FOREGROUND: Record<string, { always?: true; unless?: string[]; with?: string[] }> = {
  sleep: { always: true },
  cat: { always: true },
  yes: { always: true },
  tail: { with: ['-f', '-F', '--follow'] },
  memcached: { unless: ['-d'] },
  sshd: { with: ['-D'] },
  httpd: { with: ['-DFOREGROUND', 'FOREGROUND', '-X'] },
  rsyslogd: { with: ['-n'] },
  crond: { with: ['-n'] },
  ntpd: { with: ['-n'] },
  named: { with: ['-f', '-g'] },
  dnsmasq: { with: ['-d', '-k', '--keep-in-foreground', '--no-daemon'] },
  nginx: { with: ['daemon off;'] },
};

/** A `daemon` call whose program does not detach, as far as the words show. */
export function daemonNote(call: CommandInfo): string | undefined {
  if (call.name !== 'daemon') return undefined;
  // The program is the first word that is not one of daemon's options (§4.1).
  let i = 0;
  while (i < call.args.length) {
    const t = call.args[i]!.text;
    if (/^--(check|user|pidfile)$/.test(t)) i += 2;
    else if (/^(--\w+(=.*)?|[+-]\d+)$/.test(t)) i += 1;
    else break;
  }
  const prog = call.args[i];
  if (!prog || prog.dynamic) return undefined;
  const base = prog.text.slice(prog.text.lastIndexOf('/') + 1);
  const rule = FOREGROUND[base];
  if (!rule) return undefined;
  const rest = call.args.slice(i + 1).map((a) => a.text);
  const why = rule.always
    ? `\`${base}\` never detaches`
    : rule.unless && !rest.some((w) => rule.unless!.includes(w))
      ? `\`${base}\` stays in the foreground without \`${rule.unless.join('`/`')}\``
      : rule.with && rest.some((w) => rule.with!.includes(w))
        ? `\`${base} ${rest.find((w) => rule.with!.includes(w))}\` stays in the foreground`
        : undefined;
  return why && `⚠ ${why}: \`daemon\` waits for it, so \`start\` does not return (and rc stops at this script). Let the program detach, or use \`start-stop-daemon --background\` / \`nohup … &\`.`;
}

/** The actions named in the usage message of the `*)` branch (`{start|stop|...}`), if any. */
function usageActions(body: BodyModel): { actions: string[]; line: number } | undefined {
  const d = body.dispatcher;
  if (!d) return undefined;
  const star = d.branches.findIndex((b) => b.patterns.some((p) => p.text === '*'));
  if (star < 0) return undefined;
  for (const c of body.commands) {
    if (c.inBranch !== star || !['echo', 'printf', 'log_failure_msg', 'log_action_msg', 'gprintf'].includes(c.name)) continue;
    const text = c.args.map((a) => a.text).join(' ');
    // `{start|stop|...}`, not a `${0}` expansion; or `Usage: NAME start|stop|...`.
    const m = /(?<!\$)\{([A-Za-z][A-Za-z0-9_|-]*)\}/.exec(text) ?? /[Uu]sage:?\s+\S+\s+\(?([a-z-]+(?:\s*\|\s*[a-z-]+)+)\)?/.exec(text);
    if (m) return { actions: m[1]!.split('|').map((s) => s.trim()).filter(Boolean), line: c.range.start.line };
  }
  return undefined;
}

/** The usage text against the branches: actions it promises that fall into `*)`, and actions it hides. */
export function usageNote(body: BodyModel): string | undefined {
  const usage = usageActions(body);
  if (!usage || !body.dispatcher) return undefined;
  // Only a message about service actions (a library's own `{program}` usage is not one).
  if (!usage.actions.some((a) => ACTIONS.some((x) => x.name === a))) return undefined;
  const implemented = new Set(body.dispatcher.branches.flatMap((b) => b.patterns.map((p) => p.text)).filter((t) => t !== '*'));
  const globs = [...implemented].filter((t) => /[*?[]/.test(t)).map(globRegExp);
  // `help` and `usage` falling into the usage branch is what they are for.
  const missing = usage.actions.filter((a) => !implemented.has(a) && !globs.some((g) => g.test(a)) && a !== 'help' && a !== 'usage');
  const hidden = [...implemented].filter((a) => /^[a-z][a-z-]*$/.test(a) && !usage.actions.includes(a));
  const parts = [`The usage message (line ${usage.line + 1}) lists ${usage.actions.map((a) => `\`${a}\``).join(', ')}.`];
  if (missing.length > 0) parts.push(`⚠ Not implemented, so they land here: ${missing.map((a) => `\`${a}\``).join(', ')}.`);
  if (hidden.length > 0) parts.push(`Implemented but not listed: ${hidden.map((a) => `\`${a}\``).join(', ')}.`);
  if (missing.length === 0 && hidden.length === 0) parts.push('It matches the implemented actions.');
  return parts.join(' ');
}

/** A `case` pattern (`*start`, `re[sl]*`) as a regular expression over a whole word. */
function globRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re}$`);
  } catch {
    return /$^/;
  }
}
