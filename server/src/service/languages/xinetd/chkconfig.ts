/**
 * chkconfig's view of an `/etc/xinetd.d/NAME` file and its `chkconfig NAME on|off` rewrite,
 * byte for byte (chkconfig `leveldb.c`: `readXinetdServiceInfo`, `setXinetdService`):
 * - state: the first line starting (after blanks) with `disable` decides; a value that starts
 *   with a lower-case `yes` is off, anything else (`YES` included) is on; no such line is on;
 * - rewrite: every line starting (after blanks) with `disable` is dropped (`disabled` too),
 *   every blank line is dropped, every kept line gets a `\n`, and after each line whose first
 *   non-blank character is `{` chkconfig writes `\tdisable\t= yes|no`.
 *
 * @see spec/domain.md §2.3
 */
import type { TextEdit } from '../../core/types';

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\v' || c === '\f';

function skipBlanks(line: string): string {
  let i = 0;
  while (i < line.length && isSpace(line[i]!)) i++;
  return line.slice(i);
}

/** What `chkconfig --list` shows for the file: `on` or `off`. */
export function chkconfigState(text: string): 'on' | 'off' {
  for (const line of text.split('\n')) {
    const t = skipBlanks(line);
    if (!t.startsWith('disable')) continue;
    const eqAt = t.indexOf('=');
    if (eqAt < 0) continue;
    return skipBlanks(t.slice(eqAt + 1)).startsWith('yes') ? 'off' : 'on';
  }
  return 'on';
}

/** The file as `chkconfig NAME on|off` writes it. */
export function chkconfigRewrite(text: string, state: 'on' | 'off'): string {
  let out = '';
  const lines = text.split('\n');
  // The text after the last newline is a line only when it is not empty (strchr loop).
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const t = skipBlanks(line);
    if (t.startsWith('disable') || t.length === 0) continue;
    out += `${line}\n`;
    if (t[0] === '{') out += `\tdisable\t= ${state === 'on' ? 'no' : 'yes'}\n`;
  }
  return out;
}

/** One edit that replaces the whole document with chkconfig's rewrite (undefined when nothing changes). */
export function xinetdToggleEdit(text: string, state: 'on' | 'off'): TextEdit | undefined {
  const next = chkconfigRewrite(text, state);
  if (next === text) return undefined;
  const lines = text.split('\n');
  const last = lines.length - 1;
  return { range: { start: { line: 0, character: 0 }, end: { line: last, character: lines[last]!.length } }, newText: next };
}
