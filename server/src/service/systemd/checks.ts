/**
 * The `systemd/...` checks of an init script: what systemd-sysv-generator does with it that
 * its header does not say. Per script from the document's own text; per image root (native
 * units, the links that start it) from the generator's run over the root, kept by the host.
 */
import type { WorkspaceHost } from '../core/language';
import type { Settings } from '../core/settings';
import { SourceText } from '../core/text';
import { atPath, range, type RawProblem } from '../core/types';
import { enumerateSysv, generate, generatorDirs, nameBytes, nativeUnit, textBytes, type GeneratorRun, type LoadCache } from './generator';
import { keptWhileReadsAgree } from './reads';
import { loadSysv, type LoadNote, type LoadResult } from './load';
import { translateName } from './unitName';
import { resolveVersion, type GeneratorProfile } from './versions';
import './problems';

export interface SystemdCheckInput {
  path: string;
  text: string;
  /** The init-script profile (rhel, debian, suse, busybox, generic). */
  profile: string;
  settings: Settings;
  host?: WorkspaceHost;
  /** The image root, when the script is in one. */
  root?: string;
  /** The analysis's own SourceText of `text` (else one is made). */
  src?: SourceText;
  /** Where the load of this text is kept (the analysis's document), for the hover notes to reuse. */
  cache?: SystemdLoadCache;
}

/** A holder of the generator's reading of one text (per file name and systemd version). */
export interface SystemdLoadCache {
  systemdLoad?: { text: string; name: string; version: string; load: LoadResult };
}

/** load_sysv() of a document's text, kept in `cache` so that the hover notes of the same version do not read it again. */
export function loadOfText(text: string, name: string, profile: GeneratorProfile, cache?: SystemdLoadCache): LoadResult {
  const kept = cache?.systemdLoad;
  if (kept && kept.name === name && kept.version === profile.version && kept.text === text) return kept.load;
  const load = loadSysv(textBytes(text), name, profile);
  if (cache) cache.systemdLoad = { text, name, version: profile.version, load };
  return load;
}

/** An autoconf placeholder (`@localstatedir@`): the file is a template, the value comes at build time. */
const PLACEHOLDER = /@[A-Za-z_][A-Za-z0-9_]*@/;

/**
 * The generator's run over an image root, per root, version and mode setting, kept while every
 * read it made (the scripts' texts, their status and links, the rcN.d folders and links, the
 * unit folders, what the planned links were made from) gives the same answer. When one differs,
 * the run is made again, reading again only the scripts whose bytes changed.
 */
export function generatorRun(root: string, host: WorkspaceHost, profile: GeneratorProfile, settings: Settings): GeneratorRun | undefined {
  const kept = keptWhileReadsAgree<{ run: GeneratorRun | undefined; loads: LoadCache }>(host, `systemd-run:${profile.version}:${settings.checkFileModes}:${root}`, (h, previous) => {
    const loads: LoadCache = previous?.loads ?? new Map();
    const run = generate(root, h, { profile, links: 'auto', ignoreModes: !settings.checkFileModes, loads });
    const paths = new Set(run?.scripts.map((s) => s.path));
    for (const p of [...loads.keys()]) if (!paths.has(p)) loads.delete(p);
    return { run, loads };
  });
  return kept.run;
}

/**
 * What enumerate_sysv() makes of an image root (which scripts become units, which a native
 * unit replaces), kept while its reads agree: it reads no script's text, so typing in a script
 * does not make it again.
 */
export function enumerationOf(root: string, host: WorkspaceHost, profile: GeneratorProfile, settings: Settings): GeneratorRun | undefined {
  return keptWhileReadsAgree(host, `systemd-enum:${profile.version}:${settings.checkFileModes}:${root}`, (h) => enumerateSysv(root, h, { profile, ignoreModes: !settings.checkFileModes })?.run);
}

/** The document's range of a word the generator logged on a row (the first occurrence on that line). */
function wordRange(src: SourceText, row: number, word: string | undefined) {
  const line = src.lineText(row);
  if (word) {
    const shown = Buffer.from(word, 'latin1').toString('utf8');
    const at = line.indexOf(shown);
    if (at >= 0) return range(row, at, at + shown.length);
  }
  const start = line.length - line.trimStart().length;
  return range(row, start, line.trimEnd().length);
}

const showWord = (w: string) => Buffer.from(w, 'latin1').toString('utf8');

export function checkSystemd(input: SystemdCheckInput, out: RawProblem[]): void {
  const profile = resolveVersion(input.settings.systemdVersion, input.profile);
  if (!profile || input.profile === 'busybox') return;
  const src = input.src?.text === input.text ? input.src : new SourceText(input.text);
  const fileName = input.path.slice(input.path.lastIndexOf('/') + 1);
  const name = nameBytes(fileName);
  const v = `systemd ${profile.version}`;
  const line0 = range(0, 0, src.lineText(0).trimEnd().length);

  if (translateName(name, profile) === undefined) {
    out.push({
      code: 'systemd/invalid-unit-name', range: line0,
      message: `systemd cannot make a unit name of '${fileName}': ${profile.badNameAbortsGenerator ? `systemd-sysv-generator (${v}) stops with "Out of memory." and no init script of the machine gets a unit` : 'the generator skips it'}. Rename the script.`,
    });
    return;
  }

  const load = loadOfText(input.text, name, profile, input.cache);
  const reported = new Set<string>();
  for (const note of load.notes) {
    if (note.keyword === 'pidfile') {
      if (note.word !== undefined && !PLACEHOLDER.test(note.word)) {
        out.push({
          code: 'systemd/relative-pidfile', range: wordRange(src, note.row, note.word),
          message: `systemd-sysv-generator ignores a pid file that is not an absolute path ("PID file not absolute. Ignoring."): the unit gets no PIDFile= and ${v} cannot tell when the daemon dies. Give the full path.`,
        });
      }
      continue;
    }
    if (!ignoredWord(note) || reported.has(`${note.row}:${note.word}`)) continue;
    reported.add(`${note.row}:${note.word}`);
    const what = note.keyword === 'Provides' ? 'no alias or target comes of it' : 'it orders nothing';
    const stops = profile.providesErrorAbortsScript && note.keyword === 'Provides' && load.failed ? '; on 219 the generator also stops reading the script here (no description, no ExecReload=)' : '';
    out.push({
      code: 'systemd/ignored-word', range: wordRange(src, note.row, note.word),
      message: `${v} drops '${showWord(note.word!)}' from ${note.keyword} (${note.message.replace(/ \(the generator logs.*\)$/, '')}): ${what}${stops}. Use a name systemd accepts (letters, digits, ":-_.\\").`,
    });
  }

  // What the rest of the image root decides: a native unit, the links that start the script.
  const host = input.host;
  if (!host || input.root === undefined) return;
  const dirs = generatorDirs(input.root, host);
  if (!dirs || input.path !== `${input.root}/${dirs.initDir}/${fileName}`) return;
  const run = enumerationOf(input.root, host, profile, input.settings);
  const me = run ? atPath(run.scripts, input.path) : undefined;
  // The generator writes no alias for a script it skips, nor one that is the script's own unit
  // ("Provides: foo.sh" in foo.sh: "Ignoring creation of an alias foo.service for itself").
  const own = translateName(name, profile);
  for (const alias of me?.nativeUnit ? [] : new Set(load.aliases)) {
    if (alias === own) continue;
    const native = nativeUnit(input.root, alias, host);
    if (!native) continue;
    const word = load.translations.find((t) => t.unit === alias && t.keyword === 'Provides');
    out.push({
      code: 'systemd/alias-shadowed', range: wordRange(src, word?.row ?? 0, word?.word),
      message: `${native} is a native unit: on a systemd host ${showWord(alias)} is that unit, never this script (the generator's alias comes last in the unit search path). Drop the name from Provides, or rename one of them.`,
    });
  }
  if (me?.nativeUnit) {
    const masked = host.readLink?.(`${input.root}/${me.nativeUnit}`) === '/dev/null';
    out.push({
      code: 'systemd/native-unit', range: line0,
      message: masked
        ? `${me.nativeUnit} masks this script (a link to /dev/null): systemd-sysv-generator skips it and ${v} never runs it. It only runs where systemd is not PID 1.`
        : `systemd-sysv-generator skips this script: ${v} runs the native unit ${me.nativeUnit} instead. Changes here only matter where systemd is not PID 1.`,
    });
  }
}

/** A note about a header word the generator drops, other than a comma (initscript/comma-in-list) or a placeholder. */
function ignoredWord(note: LoadNote): boolean {
  if (note.word === undefined || note.keyword === undefined || note.keyword === 'pidfile') return false;
  if (note.word.includes(',') || PLACEHOLDER.test(note.word)) return false;
  return true;
}
