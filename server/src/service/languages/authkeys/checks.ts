/**
 * authkeys checks, following `parse_authfile()` line by line: the key used for outgoing
 * packets is chosen while key lines are read (`i == authnum`), so the result depends on
 * order. Messages never quote a key.
 *
 * @see spec/checks.md "authkeys", spec/domain.md §6.4
 */
import type { SourceText } from '../../core/text';
import { range, type RawProblem } from '../../core/types';
import type { AuthLine, AuthkeysModel, KeyLine, Token } from './parse';
import { MAX_AUTH, METHODS, findMethod } from './spec';

export interface AuthkeysFacts {
  /** The key line heartbeat signs outgoing packets with. */
  selected?: KeyLine;
  /** The auth line in effect (the last one read). */
  auth?: AuthLine;
  /** Key lines heartbeat accepts. */
  valid: Set<KeyLine>;
}

const tokRange = (t: Token): Range => range(t.line, t.start, t.end);
type Range = ReturnType<typeof range>;

/** Key number 0: heartbeat takes it (0-15), the man page documents 1-15. */
function authnumZero(t: Token): RawProblem {
  return { code: 'authkeys/authnum-zero', range: tokRange(t), message: "Key number 0 works, but the authkeys man page documents 1-15 only. Use 1-15 (change the auth line and the key line together)." };
}

export function checkAuthkeys(model: AuthkeysModel, src: SourceText): { problems: RawProblem[]; facts: AuthkeysFacts } {
  const out: RawProblem[] = [];
  const facts: AuthkeysFacts = { valid: new Set() };
  let authnum = -1;
  let anyAuthLine = false;
  const keyLines: KeyLine[] = [];
  for (const l of model.lines) {
    if (l.kind === 'auth') {
      anyAuthLine = true;
      if (l.num === undefined) {
        const fix = /^auth\s*[:=]\s*(\d+)\s*$/.exec(l.all.text);
        out.push({
          code: 'authkeys/invalid-auth-line', range: tokRange(l.all),
          message: `heartbeat cannot read this as 'auth N' and refuses to start ("Invalid auth line"). Write 'auth' and the key number${fix ? ` ('auth ${fix[1]}')` : ", e.g. 'auth 1'"}.`,
          fixes: fix ? [{ code: 'authkeys/invalid-auth-line', title: `Change to 'auth ${fix[1]}'`, edits: [{ range: tokRange(l.all), newText: `auth ${fix[1]}` }], preferred: true }] : undefined,
        });
        continue;
      }
      authnum = l.num;
      facts.auth = l;
      if (l.num < 0 || l.num >= MAX_AUTH) {
        out.push({ code: 'authkeys/invalid-authnum', range: tokRange(l.numToken!), message: `Key number ${l.num} is outside 0-15; heartbeat refuses to start ("Invalid authnum"). Use 1-15.` });
      } else if (l.num === 0) {
        out.push(authnumZero(l.numToken!));
      }
      continue;
    }
    keyLines.push(l);
    if (l.num === undefined || !l.method) {
      out.push({ code: 'authkeys/invalid-line', range: tokRange(l.all), message: "heartbeat cannot read this line as 'N METHOD [KEY]' and refuses to start (\"Auth line is invalid\"). Write e.g. '1 sha1' followed by the secret." });
      continue;
    }
    if (l.num < 0 || l.num >= MAX_AUTH) {
      out.push({ code: 'authkeys/invalid-authnum', range: tokRange(l.numToken!), message: `Key number ${l.num} is outside 0-15; heartbeat refuses to start ("Invalid authnum"). Use 1-15.` });
      continue;
    }
    if (l.num === 0) out.push(authnumZero(l.numToken!));
    const method = findMethod(l.method.text);
    if (!method) {
      const lower = findMethod(l.method.text.toLowerCase());
      out.push({
        code: 'authkeys/unknown-method', range: tokRange(l.method),
        message: `'${l.method.text}' is not a method heartbeat has; it refuses to start ("Invalid authtype"). Use ${lower ? `'${lower.name}' (lower case)` : METHODS.map((m) => m.name).join(', ')}.`,
        fixes: lower ? [{ code: 'authkeys/unknown-method', title: `Change to '${lower.name}'`, edits: [{ range: tokRange(l.method), newText: lower.name }], preferred: true }] : undefined,
      });
      continue;
    }
    if (!method.takesKey && l.key) {
      out.push({ code: 'authkeys/crc-with-key', range: range(l.line, l.key.start, l.all.end), message: "crc takes no key; heartbeat refuses to start (\"Auth method [crc] doesn't use a key\"). Remove the key, or better use sha1 with it." });
      continue;
    }
    if (method.takesKey && !l.key) {
      out.push({ code: 'authkeys/missing-key', range: tokRange(l.method), message: `${method.name} needs a key after it; heartbeat refuses to start ("requires a key"). Add a long random secret, the same on every node.` });
      continue;
    }
    facts.valid.add(l);
    if (l.extra.length > 0) {
      out.push({ code: 'authkeys/key-with-blanks', range: range(l.line, l.extra[0]!.start, l.all.end), message: `Only the first word after ${method.name} is the key; the ${l.extra.length} word${l.extra.length === 1 ? '' : 's'} after it ${l.extra.length === 1 ? 'is' : 'are'} dropped. Use a key without blanks.` });
    }
    if (!method.takesKey) {
      out.push({ code: 'authkeys/crc-insecure', range: tokRange(l.method), message: 'crc only detects corrupted packets: anyone on the heartbeat network can forge them. Use sha1 with a secret key.' });
    }
    if (l.num === authnum) facts.selected = l;
  }

  const line1 = range(0, 0, src.lineText(0).length);
  if (!anyAuthLine) {
    out.push({ code: 'authkeys/missing-auth', range: line1, message: "No 'auth N' line: heartbeat refuses to start (\"Missing auth directive\"). Add 'auth 1' above the key line 1." });
  } else if (!facts.selected && facts.auth && authnum >= 0 && authnum < MAX_AUTH) {
    const auth = facts.auth;
    const sameNum = keyLines.filter((k) => k.num === authnum && k.method);
    const valid = sameNum.filter((k) => facts.valid.has(k));
    if (valid.length > 0 && valid.some((k) => k.line < auth.line)) {
      out.push({
        code: 'authkeys/auth-after-key', range: tokRange(auth.all),
        message: `'auth ${authnum}' comes after key line ${authnum} (line ${valid[0]!.line + 1}); heartbeat picks the key while reading key lines, so it is not found and heartbeat refuses to start. Move this line to the top.`,
        related: [{ path: '', range: tokRange(valid[0]!.numToken!), message: `key ${authnum}` }],
      });
    } else if (sameNum.length === 0) {
      out.push({ code: 'authkeys/undefined-key', range: tokRange(auth.all), message: `There is no key line ${authnum}; heartbeat refuses to start ("Auth Key [${authnum}] not found"). Add '${authnum} sha1 <secret>' below, or use the number of an existing key.` });
    }
  }
  return { problems: out, facts };
}
