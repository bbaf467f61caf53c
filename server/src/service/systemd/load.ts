/**
 * load_sysv() of systemd-sysv-generator, ported line for line: what the generator reads from
 * one init script (description, pid file, reload support, LSB dependencies and Provides).
 * Input and output are byte strings (latin1), as the generator reads the file.
 *
 * @see src/sysv-generator/sysv-generator.c load_sysv(), handle_provides(), handle_dependencies(),
 *      sysv_translate_facility()
 */
import { asciiLower, eachLine, firstNonWs, rowCounter, skipWs, splitWords, startsWithNoCase, strip } from './lexer';
import { facilityTarget, translateName, unitType } from './unitName';
import type { GeneratorProfile } from './versions';

/** Something the generator logs about a line of the script (what it ignored, and why). */
export interface LoadNote {
  row: number;
  /** The header keyword of the line, when there is one. */
  keyword?: string;
  /** The word concerned, as written. */
  word?: string;
  message: string;
}

/** What one dependency word became. */
export interface Translation {
  row: number;
  keyword: 'Provides' | 'Required-Start' | 'Should-Start' | 'X-Start-Before' | 'X-Start-After';
  word: string;
  /** The unit name, or undefined when the generator drops the word. */
  unit?: string;
  /** Where it went: Before=/After=/Wants= entries, an alias, or nothing. */
  effect: string;
}

export interface LoadResult {
  hasLsb: boolean;
  description?: string;
  pidFile?: string;
  reload: boolean;
  before: string[];
  after: string[];
  wants: string[];
  /** Provides names that became alias units, in order. */
  aliases: string[];
  notes: LoadNote[];
  translations: Translation[];
  /** The generator gave up reading the script (219: a bad Provides word; 252: a line over 1 MiB). */
  failed?: string;
  /** Rows of the LSB block (BEGIN and END), when there is one. */
  lsbRows?: [number, number];
}

/** sysv_translate_facility(): drop (undefined), a unit name, or an error message. */
/** The LSB facilities the generator knows (the `$` is optional): a target, or null for "dropped". */
export const FACILITY_TABLE: ReadonlyMap<string, string | null> = new Map([
  ['local_fs', null], ['network', 'network-online.target'], ['named', 'nss-lookup.target'], ['portmap', 'rpcbind.target'],
  ['remote_fs', 'remote-fs.target'], ['syslog', null], ['time', 'time-sync.target'],
]);

export function translateFacility(word: string, fileName: string, profile: GeneratorProfile): { unit?: string; error?: string } {
  const n = word.startsWith('$') ? word.slice(1) : word;
  const known = FACILITY_TABLE.get(n);
  if (known !== undefined) return known === null ? {} : { unit: known };
  if (word.startsWith('$')) {
    const t = facilityTarget(n, profile);
    return t === undefined ? { error: `Could not build name for facility ${word}: Invalid argument` } : { unit: t };
  }
  const own = fileName.endsWith('.sh') ? fileName.slice(0, -3) : fileName;
  if (n === own) return {};
  const m = translateName(n, profile);
  return m === undefined ? { error: `No unit name can be made of ${JSON.stringify(word)} (the generator logs "Out of memory." and goes on)` } : { unit: m };
}

const usageHasReload = (t: string) => {
  const l = asciiLower(t);
  return ['{reload|', '{reload}', '{reload"', '|reload|', '|reload}', '|reload"'].some((p) => l.includes(p));
};

/** asciiLower(line).includes('usage') (searched over the whole text): in a byte string (no character over U+00FF), /i matches only ASCII letters' cases. */
const USAGE = /usage/gi;

type State = 'NORMAL' | 'DESCRIPTION' | 'LSB' | 'LSB_DESCRIPTION' | 'USAGE_CONTINUATION';

const DEP_KEYWORDS = ['Required-Start', 'Should-Start', 'X-Start-Before', 'X-Start-After'] as const;

export function loadSysv(bytes: string, fileName: string, profile: GeneratorProfile): LoadResult {
  const r: LoadResult = { hasLsb: false, reload: false, before: [], after: [], wants: [], aliases: [], notes: [], translations: [] };
  let state: State = 'NORMAL';
  let shortDescription: string | undefined;
  let longDescription: string | undefined;
  let chkconfigDescription: string | undefined;
  let supportsReload = false;
  let lsbStart = -1;
  const rowOf = rowCounter(bytes);

  // Where "usage" occurs (any case), found once over the whole text: a line has it when an
  // occurrence lies inside the line's text.
  const usages: number[] = [];
  for (let m = USAGE.exec(bytes); m; m = USAGE.exec(bytes)) usages.push(m.index);
  let u = 0;
  const { tooLongAt } = eachLine(bytes, profile, (start, end) => {
    // Most lines are shell code: without "usage" in them they do nothing in NORMAL state (and
    // nothing at all in the others), so they are passed over without being copied.
    while (u < usages.length && usages[u]! < start) u++;
    const hasUsage = u < usages.length && usages[u]! + 5 <= end;
    const first = firstNonWs(bytes, start, end);
    if ((first === end || bytes.charCodeAt(first) !== 35) /* no # */ && state !== 'USAGE_CONTINUATION' && (state !== 'NORMAL' || !hasUsage)) return;
    const raw = bytes.slice(start, end);
    const row = rowOf(start);
    const l = strip(raw);
    if (l[0] !== '#') {
      // Does the script support reload? A "usage" line that lists it says so.
      if (state === 'USAGE_CONTINUATION' || (state === 'NORMAL' && asciiLower(l).includes('usage'))) {
        if (usageHasReload(l)) {
          supportsReload = true;
          state = 'NORMAL';
        } else if (l.endsWith('\\')) state = 'USAGE_CONTINUATION';
        else state = 'NORMAL';
      }
      return;
    }
    if (state === 'NORMAL' && l === '### BEGIN INIT INFO') {
      state = 'LSB';
      r.hasLsb = true;
      lsbStart = row;
      return;
    }
    if ((state === 'LSB_DESCRIPTION' || state === 'LSB') && l === '### END INIT INFO') {
      state = 'NORMAL';
      if (lsbStart >= 0 && !r.lsbRows) r.lsbRows = [lsbStart, row];
      return;
    }
    let t = skipWs(l.slice(1));

    if (state === 'NORMAL') {
      if (startsWithNoCase(t, 'description:')) {
        if (t.endsWith('\\')) {
          state = 'DESCRIPTION';
          t = t.slice(0, -1);
        }
        const j = strip(t.slice(12));
        chkconfigDescription = j === '' ? undefined : j;
      } else if (startsWithNoCase(t, 'pidfile:')) {
        state = 'NORMAL';
        const fn = strip(t.slice(8));
        if (!fn.startsWith('/')) {
          r.notes.push({ row, keyword: 'pidfile', word: fn, message: 'PID file not absolute. Ignoring.' });
          return;
        }
        r.pidFile = fn;
      }
    } else if (state === 'DESCRIPTION') {
      // A Red Hat description continued with backslashes.
      if (t.endsWith('\\')) t = t.slice(0, -1);
      else state = 'NORMAL';
      const j = strip(t);
      if (j !== '') chkconfigDescription = chkconfigDescription !== undefined ? `${chkconfigDescription} ${j}` : j;
    } else if (state === 'LSB' || state === 'LSB_DESCRIPTION') {
      if (startsWithNoCase(t, 'Provides:')) {
        state = 'LSB';
        if (handleProvides(r, t.slice(9), row, fileName, profile)) return true;
      } else {
        const dep = DEP_KEYWORDS.find((k) => startsWithNoCase(t, `${k}:`));
        if (dep) {
          state = 'LSB';
          handleDependencies(r, dep, t.slice(t.indexOf(':') + 1), row, fileName, profile);
        } else if (startsWithNoCase(t, 'Description:')) {
          state = 'LSB_DESCRIPTION';
          const j = strip(t.slice(12));
          longDescription = j === '' ? undefined : j;
        } else if (startsWithNoCase(t, 'Short-Description:')) {
          state = 'LSB';
          const j = strip(t.slice(18));
          shortDescription = j === '' ? undefined : j;
        } else if (state === 'LSB_DESCRIPTION') {
          if (l.startsWith('#\t') || l.startsWith('#  ')) {
            const j = strip(t);
            if (j !== '') longDescription = longDescription !== undefined ? `${longDescription} ${j}` : j;
          } else state = 'LSB';
        }
      }
    }
  });
  const tooLong = tooLongAt === undefined ? undefined : rowOf(tooLongAt);
  if (tooLong !== undefined) {
    r.failed = `Failed to read configuration file: line ${tooLong + 1} is longer than 1 MiB (No buffer space available)`;
    return r;
  }
  if (r.failed) return r;
  r.reload = supportsReload;
  const description = shortDescription ?? chkconfigDescription ?? longDescription;
  if (description !== undefined) r.description = (r.hasLsb ? 'LSB: ' : 'SYSV: ') + description;
  return r;
}

/** handle_provides(): aliases for service names, Before=+Wants= for targets. True when the generator gives up. */
function handleProvides(r: LoadResult, text: string, row: number, fileName: string, profile: GeneratorProfile): boolean {
  const { words, garbage } = splitWords(text, profile);
  for (const word of words) {
    const m = translateFacility(word, fileName, profile);
    if (m.error !== undefined) {
      r.notes.push({ row, keyword: 'Provides', word, message: m.error });
      r.translations.push({ row, keyword: 'Provides', word, effect: `ignored: ${m.error}` });
      if (profile.providesErrorAbortsScript) {
        r.failed = `${m.error} (in Provides: the generator stops reading the script)`;
        return true;
      }
      continue;
    }
    if (m.unit === undefined) {
      r.translations.push({ row, keyword: 'Provides', word, effect: 'dropped' });
      continue;
    }
    const type = unitType(m.unit, profile);
    if (type === 'service') {
      r.aliases.push(m.unit);
      r.translations.push({ row, keyword: 'Provides', word, unit: m.unit, effect: `alias ${m.unit}` });
    } else if (type === 'target' || !profile.mangleNames) {
      const extra: string[] = [];
      r.before.push(m.unit);
      r.wants.push(m.unit);
      if (m.unit === 'network-online.target') {
        r.before.push('network.target');
        extra.push('Before=network.target');
        if (profile.providesNetworkWants) {
          r.wants.push('network.target');
          extra.push('Wants=network.target');
        }
      }
      r.translations.push({ row, keyword: 'Provides', word, unit: m.unit, effect: [`Before=${m.unit}`, `Wants=${m.unit}`, ...extra].join(', ') });
    } else {
      const message = type === undefined ? `Unit name '${m.unit}' is invalid` : `Unknown unit type for unit '${m.unit}'`;
      r.notes.push({ row, keyword: 'Provides', word, message });
      r.translations.push({ row, keyword: 'Provides', word, unit: m.unit, effect: `ignored: ${message}` });
    }
  }
  if (garbage) r.notes.push({ row, keyword: 'Provides', message: 'Trailing garbage in Provides, ignoring.' });
  return false;
}

/** handle_dependencies(): After= (or Before= for X-Start-Before), and Wants= for network-online.target. */
function handleDependencies(r: LoadResult, keyword: (typeof DEP_KEYWORDS)[number], text: string, row: number, fileName: string, profile: GeneratorProfile): void {
  const { words, garbage } = splitWords(text, profile);
  const isBefore = keyword === 'X-Start-Before';
  for (const word of words) {
    const m = translateFacility(word, fileName, profile);
    if (m.error !== undefined) {
      r.notes.push({ row, keyword, word, message: m.error });
      r.translations.push({ row, keyword, word, effect: `ignored: ${m.error}` });
      continue;
    }
    if (m.unit === undefined) {
      r.translations.push({ row, keyword, word, effect: 'dropped' });
      continue;
    }
    if (m.unit === 'network-online.target' && !isBefore) {
      r.after.push(m.unit);
      r.wants.push(m.unit);
      r.translations.push({ row, keyword, word, unit: m.unit, effect: `After=${m.unit}, Wants=${m.unit}` });
    } else {
      (isBefore ? r.before : r.after).push(m.unit);
      r.translations.push({ row, keyword, word, unit: m.unit, effect: `${isBefore ? 'Before' : 'After'}=${m.unit}` });
    }
  }
  if (garbage) r.notes.push({ row, keyword, message: `Trailing garbage in ${keyword}, ignoring.` });
}
