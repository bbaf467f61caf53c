/** The init-script language module: name and mode, headers from raw lines, body from the shell tree. */
import type { Tree } from 'web-tree-sitter';
import type { AnalysisContext, LanguageModule, TreeEditInfo, WorkspaceHost } from '../../core/language';
import type { SourceText } from '../../core/text';
import type { RawProblem } from '../../core/types';
import { noBodyReason, parseShell, type ShellBody } from '../../shell/parse';
import { bashParserFailure, parserFailed, sharedBashParser } from '../../shell/treeSitter';
import { detectDialect } from '../inittab/parse';
import { SourceText as Text } from '../../core/text';
import './problems';
import { extractBody, type BodyCache, type BodyModel } from './body';
import { definedNames, seedCommandIndex } from './notes';
import { checkBody, checkHeader, checkIpCommands, checkLocalFs, checkMode, checkName, checkSyntax, type IpMemo, type ScriptContext } from './checks';
import { complete, folding, hover, inlayHints, lenses, refactors, resolveCompletion, semanticTokens, signatureHelp, symbols } from './features';
import { parseHeader, type HeaderModel } from './header';
import { range } from '../../core/types';
import { checkWorkspace } from './workspace';
import { checkSystemd, type SystemdLoadCache } from '../../systemd/checks';
import { withSystemdNote } from '../../systemd/editor';
import { knownHeader, linkedScript } from '../../boot/scripts';
import { LIBRARIES, TEMPLATE_PLACEHOLDER, type InitProfile } from './spec';

export interface InitScriptDoc {
  name: string;
  profile: InitProfile;
  header: HeaderModel;
  body?: BodyModel & { cache?: BodyCache };
  /** Kept for incremental re-parsing of the next version; freed by `dispose` (with `body.cache`). */
  tree?: Tree;
  /** When the tree is in the parser worker: the rows a comment line cannot be put before (inside a string, a here-document, …). */
  noCommentRows?: ReadonlySet<number>;
  /** The tree was parsed here and let go (`dispose`, `releaseTree`): the suppression fix parses the text again for its rows. */
  treeReleased?: boolean;
  /** Not a SysV script (OpenRC, OpenWrt rc.common): only the name is checked. */
  foreign?: string;
  /** The shell parse was stopped at its time budget (the next edit gets a shorter one). */
  parseStopped?: boolean;
  /** Parsed in this thread from the previous version's tree (false: a full parse here; unset: parsed elsewhere or not at all). */
  reparsed?: boolean;
  /** Runs under /lib/init/init-d-script (which loads the LSB functions first). */
  initDScript?: boolean;
  /** What the ip commands' duplicate check was given and found, for the next version to reuse. */
  ipMemo?: IpMemo;
  /** systemd-sysv-generator's reading of this text (the systemd checks make it, the hover notes reuse it). */
  systemdLoad?: SystemdLoadCache['systemdLoad'];
  ctx: ScriptContext;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const sourceRes = new Map<string, RegExp>();

function sources(text: string, path: string): boolean {
  return sourceAt(text, path) >= 0;
}

/** Where the script first sources `path` (`. path`, `source path`), or -1. */
function sourceAt(text: string, path: string): number {
  // Most scripts do not mention the library at all: a plain search first.
  if (!text.includes(path)) return -1;
  let re = sourceRes.get(path);
  if (!re) sourceRes.set(path, (re = new RegExp(`(^|[\\s;&|{(])(\\.|source)[ \\t]+["']?${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\b`, 'gm')));
  re.lastIndex = 0;
  // Not in a comment ("# Don't need to source /etc/init.d/functions"); a few matches at most are looked at.
  for (let i = 0; i < 20; i++) {
    const m = re.exec(text);
    if (!m) return -1;
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    if (!text.slice(lineStart, m.index + m[1]!.length).includes('#')) return m.index;
  }
  return -1;
}

/** The image root of a path under `/etc/` (the folder above it), if any. */
export function imageRoot(path: string): string | undefined {
  const i = path.lastIndexOf('/etc/');
  return i < 0 ? undefined : path.slice(0, i) || '';
}

/**
 * spec/checks.md "init script profile", from the script and the image root together; first
 * match wins:
 * 1. the setting; a Buildroot-style `S50foo` name or a BusyBox inittab in the root;
 * 2. what the root says it is (`etc/os-release`, `etc/debian_version`, `etc/redhat-release`,
 *    `etc/SuSE-release`): its rc runs the script, whatever the script was written for;
 * 3. `etc/rc.d/init.d` (Red Hat's folder);
 * 4. the first functions library the script sources, in file order (multi-distribution scripts
 *    try Debian's, then SUSE's, then Red Hat's, each guarded); in the insserv layout (8.) a
 *    script that sources libraries of several distributions is Debian's, and another
 *    distribution's library sourced only after testing that the file is there is a fallback,
 *    not a marker;
 * 5. Debian's own programs and files: `start-stop-daemon`, `/lib/init/vars.sh`;
 * 6. a chkconfig line: Red Hat, unless the script sits in the insserv layout (8.), where
 *    multi-distribution packages carry it for Red Hat's chkconfig and insserv reads the header;
 * 7. `/etc/default/` sourced (Debian; after the chkconfig line: some Red Hat scripts read it too);
 * 8. the layout: `etc/init.d` of a root without `etc/rc.d/init.d`, with an LSB header (the
 *    insserv layout; SUSE's scripts source /etc/rc.status, found above);
 * 9. generic.
 */
export function detectProfile(name: string, path: string, text: string, ctx: AnalysisContext): { profile: InitProfile; reason: string } {
  const setting = ctx.settings.profile;
  if (setting !== 'auto') return { profile: setting, reason: 'set by sysvHa.profile' };
  if (/^[SK]\d\d/.test(name)) return { profile: 'busybox', reason: `the name ${name} is a Buildroot-style S/K script` };
  const root = imageRoot(path);
  const host = ctx.host;
  if (root !== undefined && host) {
    const inittab = host.readFile(`${root}/etc/inittab`);
    if (inittab !== undefined && busyboxInittab(inittab)) return { profile: 'busybox', reason: "the image's etc/inittab is BusyBox" };
    const system = systemOf(root, host);
    if (system) return system;
  }
  if (/\/etc\/rc\.d\/init\.d\/[^/]+$/.test(path)) return { profile: 'rhel', reason: 'it lives in /etc/rc.d/init.d' };
  const libraries = sourcedLibraries(text);
  const families = new Set(libraries.map((l) => l.profile));
  const layout = root !== undefined && !!host && insservLayout(root, path, text, host);
  if (families.size > 1 && layout) {
    return { profile: 'debian', reason: `it supports several distributions (sources ${libraries.map((l) => l.library).join(', ')}) and sits in etc/init.d with an LSB header (the insserv layout)` };
  }
  // In the insserv layout, another distribution's library sourced only after testing that it is
  // there is a fallback for that distribution (mason: `if [ -f /etc/rc.d/init.d/functions ]`).
  const fallbacks = layout ? libraries.filter((l) => l.guarded && l.profile !== 'debian') : [];
  const firm = libraries.filter((l) => !fallbacks.includes(l));
  if (firm[0]) return { profile: firm[0].profile, reason: `it sources ${firm[0].library}` };
  if (isInitDScript(text)) return { profile: 'debian', reason: 'it runs under /lib/init/init-d-script' };
  const debian = DEBIAN_PROGRAMS.find(([re]) => re.test(text));
  if (debian) return { profile: 'debian', reason: debian[1] };
  const chkconfig = /^[ \t]*#[ \t]*chkconfig:/m.test(text);
  // The layout before the chkconfig line: a script packaged for several distributions carries a
  // chkconfig line for Red Hat's chkconfig and an LSB header for insserv (pcp, rtirq, voms); where
  // it sits says which one runs it (a Red Hat root has etc/rc.d/init.d).
  const fallback = fallbacks.length ? `; it sources ${fallbacks.map((l) => l.library).join(', ')} only if present` : '';
  if (layout && chkconfig) {
    return { profile: 'debian', reason: `an LSB header in etc/init.d of a root without etc/rc.d/init.d (the insserv layout); its chkconfig line is for Red Hat's chkconfig${fallback}` };
  }
  if (chkconfig) return { profile: 'rhel', reason: 'it has a chkconfig line' };
  if (DEBIAN_DEFAULTS.test(text)) return { profile: 'debian', reason: 'it reads its settings from /etc/default (Debian)' };
  if (layout) return { profile: 'debian', reason: `an LSB header without a chkconfig line in etc/init.d (the insserv layout)${fallback}` };
  return { profile: 'generic', reason: 'no distribution marker' };
}

/** The last inittab text read and whether it is BusyBox's: every script of a tree asks about the same one. */
let lastInittab: { text: string; busybox: boolean } | undefined;

function busyboxInittab(text: string): boolean {
  if (lastInittab?.text !== text) lastInittab = { text, busybox: detectDialect(new Text(text)).dialect === 'busybox' };
  return lastInittab.busybox;
}

/** What the script itself says about Debian, after its libraries: Debian's programs (before a chkconfig line)… */
const DEBIAN_PROGRAMS: readonly [RegExp, string][] = [
  [/(^|[\s;&|({`$])(\/sbin\/)?start-stop-daemon[ \t]/m, "it calls Debian's start-stop-daemon"],
  [/(^|[\s;&|{(])(\.|source)[ \t]+["']?\/lib\/init\/vars\.sh/m, "it sources Debian's /lib/init/vars.sh"],
];
/** …and Debian's settings folder (after it: some Red Hat scripts read /etc/default too). */
const DEBIAN_DEFAULTS = /(^|[\s;&|{(])(\.|source)[ \t]+["']?\/etc\/default\//m;

const LIBRARY_PROFILES: readonly [string, InitProfile][] = [
  [LIBRARIES.lsb, 'debian'], [LIBRARIES.suse, 'suse'], [LIBRARIES.rhel, 'rhel'],
];

/** The functions libraries the script sources, in file order, with the profile each stands for. */
function sourcedLibraries(text: string): { at: number; profile: InitProfile; library: string; guarded: boolean }[] {
  const out: { at: number; profile: InitProfile; library: string; guarded: boolean }[] = [];
  for (const [library, profile] of LIBRARY_PROFILES) {
    const at = sourceAt(text, library);
    if (at >= 0) out.push({ at, profile, library, guarded: testsFileBefore(text, library, at) });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** How far before a source the test of its file is looked for (`if [ -f F ]; then` on the lines above). */
const GUARD_WINDOW = 300;
const guardRes = new Map<string, RegExp>();

/**
 * Whether the script tests that `path` exists just before sourcing it (`[ -f F ] && . F`,
 * `if test -r F; then . F; fi`, `[ ! -r F ] || . F`): then it runs without the file too.
 */
function testsFileBefore(text: string, path: string, at: number): boolean {
  let re = guardRes.get(path);
  if (!re) guardRes.set(path, (re = new RegExp(`-[efrs][ \\t]+["']?${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\b`)));
  return re.test(text.slice(Math.max(0, at - GUARD_WINDOW), at));
}

/**
 * The script sits in `etc/init.d` of a root that has no `etc/rc.d/init.d` (Debian's and SUSE's
 * layout, not Red Hat's) and has an LSB header: insserv's way.
 */
function insservLayout(root: string, path: string, text: string, host: WorkspaceHost): boolean {
  return /\/etc\/init\.d\/[^/]+$/.test(path) && /^###[ \t]*BEGIN INIT INFO/m.test(text)
    && !!host.stat(`${root}/etc/init.d`)?.isDirectory && !host.stat(`${root}/etc/rc.d/init.d`);
}

/** The system an image root is, from its release files (os-release's ID and ID_LIKE first). */
function systemOf(root: string, host: WorkspaceHost): { profile: InitProfile; reason: string } | undefined {
  const osRelease = host.readFile(`${root}/etc/os-release`) ?? host.readFile(`${root}/usr/lib/os-release`);
  if (osRelease !== undefined) {
    const ids: string[] = [];
    for (const line of osRelease.split('\n')) {
      const m = /^(ID|ID_LIKE)=["']?([^"'\n]*)/.exec(line);
      if (m) ids.push(...m[2]!.toLowerCase().split(/\s+/));
    }
    for (const id of ids) {
      if (id === 'debian' || id === 'ubuntu' || id === 'devuan' || id === 'raspbian') return { profile: 'debian', reason: `the image is ${id} (etc/os-release)` };
      if (/^(rhel|fedora|centos|rocky|almalinux|ol|amzn)$/.test(id)) return { profile: 'rhel', reason: `the image is ${id} (etc/os-release)` };
      if (/suse|sles/.test(id)) return { profile: 'suse', reason: `the image is ${id} (etc/os-release)` };
    }
  }
  if (host.stat(`${root}/etc/debian_version`)?.isFile) return { profile: 'debian', reason: 'the image has etc/debian_version' };
  if (host.stat(`${root}/etc/redhat-release`)?.isFile) return { profile: 'rhel', reason: 'the image has etc/redhat-release' };
  if (host.stat(`${root}/etc/SuSE-release`)?.isFile) return { profile: 'suse', reason: 'the image has etc/SuSE-release' };
  return undefined;
}

/** Template file names: autoconf/automake, ERB (Puppet, Chef), Jinja (Ansible, Salt), generic. */
const TEMPLATE_SUFFIX = /\.(in|erb|j2|jinja2?|tmpl|tpl|template)$/;
const SHELL_BREAKING = /<%|\{%/;

/**
 * Whether the script is a template rather than a script (#15 point 9): by its name, or by
 * placeholders on its header lines (the chkconfig line, the INIT INFO block). A script installed
 * where rc runs it (`etc/init.d`, `etc/rc.d/init.d`) is never one: a placeholder left there is a
 * shipped bug the checks report. `shell` is false when ERB or Jinja tags make the shell
 * unreadable before substitution.
 */
function templateOf(name: string, path: string, src: SourceText, header: HeaderModel): { why: string; line: number; shell: boolean } | undefined {
  const shell = !SHELL_BREAKING.test(src.text);
  const suffix = TEMPLATE_SUFFIX.exec(name);
  if (suffix) return { why: `its name ends in ${suffix[0]}`, line: 0, shell };
  if (/\/etc\/(rc\.d\/)?init\.d\/[^/]+$/.test(path)) return undefined;
  const lines = [...header.chkconfigLines.map((l) => l.line), ...header.blocks.flatMap((b) => [...b.entries.map((e) => e.line), ...b.badLines.map((l) => l.line)])].sort((a, b) => a - b);
  for (const line of lines) {
    const m = TEMPLATE_PLACEHOLDER.exec(src.lineText(line));
    if (m) return { why: `placeholder '${m[0]}' on line ${line + 1}`, line, shell };
  }
  return undefined;
}

function isInitDScript(text: string): boolean {
  return /^#!.*\/lib\/init\/init-d-script/.test(text) || sources(text, LIBRARIES.initDScript);
}

function foreignKind(text: string): string | undefined {
  const first = text.slice(0, 200).split('\n')[0] ?? '';
  if (/^#!\s*\/sbin\/(openrc-run|runscript)/.test(first)) return 'an OpenRC script';
  if (/^#!\s*\/bin\/sh\s+\/etc\/rc\.common/.test(first)) return 'an OpenWrt rc.common script';
  return undefined;
}

/** What the header reader sees of a line: only comment lines' text matters, other lines by kind. */
function lineKind(text: string): 'blank' | 'comment' | 'other' {
  const t = text.trimStart();
  return t.length === 0 || t === '\r' ? 'blank' : t.startsWith('#') ? 'comment' : 'other';
}

/**
 * The edits left the header as it was: none added or removed a line, and every edited line
 * was and is a non-comment line of the same kind (blank or not). Then the previous header
 * model (line numbers included) is the new one, and the 20k-line scan is skipped.
 */
function headerUnchanged(old: SourceText, src: SourceText, edits: readonly TreeEditInfo[], header: HeaderModel): boolean {
  if (edits.length === 0) return false;
  if (edits.length === 1 && belowHeader(old, src, edits[0]!, header)) return true;
  const rows = new Set<number>();
  for (const e of edits) {
    if (e.startPosition.row !== e.oldEndPosition.row || e.startPosition.row !== e.newEndPosition.row) return false;
    rows.add(e.startPosition.row);
  }
  if (old.lineCount !== src.lineCount) return false;
  for (const row of rows) {
    const before = lineKind(old.lineText(row));
    if (before === 'comment' || before !== lineKind(src.lineText(row))) return false;
  }
  return true;
}

/**
 * One edit below every line the header model names (lines added or removed there too), that
 * was and is non-comment lines: the header reader gives the same model. Not while an INIT INFO
 * block is unterminated (its non-comment lines are its bad lines) or a description ends in `\`
 * with no comment line after it (chkconfig looks past blank lines for one).
 */
function belowHeader(old: SourceText, src: SourceText, e: TreeEditInfo, h: HeaderModel): boolean {
  let last = -1;
  const see = (line: number | undefined) => {
    if (line !== undefined && line > last) last = line;
  };
  for (const l of h.chkconfigLines) see(l.line);
  see(h.chkconfig?.line);
  see(h.chkconfigError?.line);
  for (const t of h.tags) see(t.line);
  for (const d of h.descriptions) {
    if (d.backslash !== undefined && d.continuedBy === undefined) return false;
    see(d.line);
    see(d.continuedBy);
  }
  for (const b of h.blocks) {
    if (b.end === undefined) return false;
    see(b.begin);
    see(b.end);
    for (const x of b.entries) see(x.line);
    for (const x of b.badLines) see(x.line);
  }
  if (e.startPosition.row <= last) return false;
  for (let row = e.startPosition.row; row <= e.oldEndPosition.row; row++) if (lineKind(old.lineText(row)) === 'comment') return false;
  for (let row = e.startPosition.row; row <= e.newEndPosition.row; row++) if (lineKind(src.lineText(row)) === 'comment') return false;
  return true;
}

/** The tree of the script's text in this thread, or why there is none. */
function parseTree(src: SourceText, ctx: AnalysisContext): ShellBody & { tree?: Tree } {
  const parser = sharedBashParser();
  if (!parser) return { failure: bashParserFailure() };
  const prev = ctx.previous?.model as InitScriptDoc | undefined;
  try {
    const { tree, stoppedAfterMs, refused, incremental } = parseShell(parser, src.text, prev && { tree: prev.tree, edits: ctx.previous!.edits, stopped: !!prev.parseStopped });
    return { tree, stoppedAfterMs, refused, incremental: !!incremental };
  } catch (err) {
    parserFailed(err);
    return { failure: bashParserFailure() };
  }
}

/**
 * Reads the shell body into `doc` (body model, whether the parse was stopped, and the tree when
 * parsed in this thread); returns why the body cannot be checked when there is none, for the
 * document's info. A parser host (`actx.shell`, the parser worker) gives the body of this text
 * when it has parsed it; otherwise it is parsed here.
 */
function parseBody(doc: InitScriptDoc, src: SourceText, ctx: AnalysisContext): string | undefined {
  const ready = ctx.shell?.bodyOf(ctx.path, src.text);
  if (ready === 'pending') return 'the shell parser is still reading it';
  if (ready) {
    doc.parseStopped = ready.stoppedAfterMs !== undefined;
    doc.body = ready.body;
    if (ready.body) doc.noCommentRows = new Set(ready.noCommentRows);
    return noBodyReason(ready);
  }
  const parsed = parseTree(src, ctx);
  doc.parseStopped = parsed.stoppedAfterMs !== undefined;
  doc.reparsed = parsed.incremental;
  if (!parsed.tree) return noBodyReason(parsed);
  doc.tree = parsed.tree;
  const prev = ctx.previous?.model as InitScriptDoc | undefined;
  doc.body = extractBody(parsed.tree, prev?.body?.cache);
  return undefined;
}

export const initscriptModule: LanguageModule<InitScriptDoc> = {
  id: 'initscript',
  analyze(src, actx) {
    const name = baseName(actx.path);
    const { profile, reason } = detectProfile(name, actx.path, src.text, actx);
    const ctx: ScriptContext = { name, path: actx.path, profile, settings: actx.settings, host: actx.host, root: imageRoot(actx.path) };
    const problems: RawProblem[] = [];
    const prevDoc = actx.previous?.model as InitScriptDoc | undefined;
    const header = prevDoc?.header && headerUnchanged(actx.previous!.src, src, actx.previous!.edits, prevDoc.header) ? prevDoc.header : knownHeader(actx.path, src.text) ?? parseHeader(src);
    const doc: InitScriptDoc = { name, profile, header, ctx };
    const info = { language: 'initscript' as const, profile, reason };
    // Debian's /etc/init.d/rc.local is a service script (it runs /etc/rc.local); /etc/rc.local is not.
    if (name === 'rc.local' && !/\/init\.d\/rc\.local$/.test(actx.path)) {
      // rc.local is not a service script: only its commands (ip addr) and its syntax are checked.
      const noBody = parseBody(doc, src, actx);
      if (doc.body) {
        doc.ipMemo = checkIpCommands(doc.body, problems, prevDoc?.ipMemo);
        checkSyntax(doc.body, src, ctx, problems);
      }
      const reason = 'the local boot script: its ip addr commands and syntax are checked';
      return { model: doc, problems, profileKeys: [profile], info: { ...info, profile: 'rc.local', reason: noBody ? `${reason}; shell body not checked: ${noBody}` : reason } };
    }
    if (checkName(src, ctx, problems)) return { model: doc, problems, profileKeys: [profile], info };
    const linked = actx.host && ctx.root !== undefined && /\/init\.d\/[^/]+$/.test(actx.path) ? linkedScript(actx.path, actx.host, src.text, ctx.root) : undefined;
    if (linked) {
      doc.foreign = `a link to ${linked}`;
      return { model: doc, problems, profileKeys: [profile], info: { ...info, profile: 'link', reason: `a symbolic link to ${linked} in the same folder: insserv skips it ("script ${name} is a symlink to another script, skipped!"); ${linked} is checked` } };
    }
    const foreign = foreignKind(src.text);
    if (foreign) {
      doc.foreign = foreign;
      return { model: doc, problems, profileKeys: [profile], info: { ...info, profile: 'foreign', reason: `${foreign}: not checked as a SysV init script` } };
    }
    const template = templateOf(name, actx.path, src, header);
    if (template) {
      // Say it once: the header (and, for ERB/Jinja, the shell) is only right after substitution.
      problems.push({ code: 'initscript/template', range: range(template.line, 0, src.lineText(template.line).replace(/\r$/, '').length), message: `This is a template (${template.why}): its header is checked in the generated script, not here. Check the script your build produces (e.g. 'sysv-ha check' on the installed tree).` });
      info.reason = `${info.reason}; a template (${template.why}): header not checked`;
      if (template.shell) {
        parseBody(doc, src, actx);
        doc.initDScript = isInitDScript(src.text);
        if (doc.body) {
          checkBody(doc.body, src, ctx, { initDScript: doc.initDScript, defined: definedNames(doc.body) }, problems);
          doc.ipMemo = checkIpCommands(doc.body, problems, prevDoc?.ipMemo);
        }
      }
      return { model: doc, problems, profileKeys: [profile], info };
    }
    checkMode(src, ctx, problems);
    checkHeader(header, src, ctx, problems);
    if (actx.host) checkWorkspace(actx.path, profile, actx.host, problems);
    checkSystemd({ path: actx.path, text: src.text, profile, settings: actx.settings, host: actx.host, root: ctx.root, src, cache: doc }, problems);
    // What needs no body first: with a parser worker, the body is read there meanwhile.
    doc.initDScript = isInitDScript(src.text);
    const noBody = parseBody(doc, src, actx);
    if (doc.body) {
      seedCommandIndex(doc.body, prevDoc?.body);
      const defined = definedNames(doc.body);
      checkBody(doc.body, src, ctx, { initDScript: doc.initDScript, defined }, problems);
      checkLocalFs(header, doc.body, src, problems);
      doc.ipMemo = checkIpCommands(doc.body, problems, prevDoc?.ipMemo);
      checkSyntax(doc.body, src, ctx, problems);
    }
    return { model: doc, problems, profileKeys: [profile], info: noBody ? { ...info, reason: `${info.reason}; shell body not checked: ${noBody}` } : info };
  },
  complete: (doc, src, position) => complete(doc, src, position),
  resolveCompletion,
  hover: (doc, src, position) => withSystemdNote(hover(doc, src, position), doc, src, position),
  symbols: (doc, src) => symbols(doc, src),
  folding: (doc) => folding(doc),
  lenses: (doc, src) => lenses(doc, src),
  signatureHelp: (doc, src, position) => signatureHelp(doc, src, position),
  refactors: (doc, src, r) => refactors(doc, src, r),
  inlayHints: (doc, src, r) => inlayHints(doc, src, r),
  semanticTokens: (doc, src) => semanticTokens(doc, src),
  dispose(doc) {
    if (doc.tree) doc.treeReleased = true;
    try {
      doc.tree?.delete();
    } catch {
      // the parser's memory is gone after a wasm failure (see bashParserFailure)
    }
    doc.tree = undefined;
    // The statement cache, too: the next version starts from a fresh walk, as it does without a tree.
    if (doc.body) doc.body.cache = undefined;
  },
};
