/**
 * Pacemaker ids and the quoting each output needs. Ids must be XML NCNames (a letter or `_`
 * first, then letters, digits, `.`, `-`, `_`); crmsh and pcs take the same.
 */

/** An id made of `text`: other characters become `_`, and it starts with a letter. */
export function toId(text: string, prefix = 'r'): string {
  let out = '';
  for (const c of text) out += /[A-Za-z0-9._-]/.test(c) ? c : '_';
  out = trimChars(out.replace(/_+/g, '_'), '._-');
  if (out.length > 60) out = trimChars(out.slice(0, 60), '._-');
  if (!/^[A-Za-z_]/.test(out)) out = `${prefix}_${out}`;
  return out === `${prefix}_` ? prefix : out;
}

/** `s` without the characters of `chars` at both ends (a scan: no regular expression to backtrack). */
export function trimChars(s: string, chars: string, start = true): string {
  let a = 0;
  let b = s.length;
  if (start) while (a < b && chars.includes(s[a]!)) a++;
  while (b > a && chars.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

/** Hands out unique ids. */
export class IdPool {
  private readonly used = new Set<string>();
  /** Per wanted id, the next suffix to try (so many equal names stay linear). */
  private readonly next = new Map<string, number>();

  take(want: string): string {
    const key = want.toLowerCase();
    let n = this.next.get(key) ?? 1;
    let id = n === 1 ? want : `${want}_${n}`;
    while (this.used.has(id.toLowerCase())) id = `${want}_${++n}`;
    this.next.set(key, n + 1);
    this.used.add(id.toLowerCase());
    return id;
  }

  has(id: string): boolean {
    return this.used.has(id.toLowerCase());
  }
}

/** XML attribute text. */
export function xmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Text safe inside an XML comment (`--` is not allowed there). */
export function xmlComment(s: string): string {
  return s.replace(/-{2,}/g, (m) => m.split('').join(' ')).replace(/-$/, '- ');
}

/** A POSIX shell word: single-quoted unless it is plainly safe. */
export function shQuote(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A crmsh value: crmsh splits its lines with shlex, so the same quoting works there. */
export function crmQuote(s: string): string {
  if (/^[A-Za-z0-9_@%+:,./-]+$/.test(s)) return s;
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** One line of a `#` comment: no line breaks, no control characters. */
export function commentText(s: string): string {
  let out = '';
  for (const c of s) out += c < ' ' || c === '\u007f' ? ' ' : c;
  // A comment ending in '\\' would continue onto the next line in crmsh (and is ambiguous elsewhere).
  return trimChars(out, ' \\', false);
}

/** Characters no output can carry (control characters); values with them are not translated. */
export function hasControl(s: string): boolean {
  for (const c of s) if (c < ' ' || c === '\u007f') return true;
  return false;
}
