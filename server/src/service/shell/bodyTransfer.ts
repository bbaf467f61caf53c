/**
 * The body model crosses from the parser worker as fragments (one per top-level statement,
 * `initscript/body.ts`), and only the fragments the other side does not have yet: copying a
 * 20k-line script's whole model costs more than reading it again, an edit changes one
 * statement. The worker numbers each fragment it sends; a version is the list of numbers with
 * each statement's row, and the fragments that are new. Both sides forget what a version no
 * longer uses.
 */
import { assembleBody, fragmentAt, type BodyModel, type Fragment } from '../languages/initscript/body';

/** A version's statements: fragment numbers and rows in order, and the fragments sent for the first time. */
export interface FragmentsMessage {
  ids: number[];
  rows: number[];
  fresh: [number, Fragment][];
}

/** Worker side: what the main thread holds for one document, by statement key. */
export class FragmentEncoder {
  private sent = new Map<string, number>();

  constructor(private readonly nextId: () => number) {}

  /**
   * The message for a version. `clean`: the fragments were read from a clean tree with the
   * previous version's cache (`readStatements`), so a statement whose key was sent before is the
   * same fragment, moved. A tree with errors gives no cache: every fragment is sent, and the next
   * version sends every fragment again (error recovery can read the same text differently).
   */
  encode(fragments: readonly Fragment[], keys: readonly string[] | undefined, clean: boolean): FragmentsMessage {
    const msg: FragmentsMessage = { ids: [], rows: [], fresh: [] };
    const sent = new Map<string, number>();
    fragments.forEach((f, i) => {
      const key = clean ? keys?.[i] : undefined;
      let id = key === undefined ? undefined : (sent.get(key) ?? this.sent.get(key));
      if (id === undefined) {
        id = this.nextId();
        msg.fresh.push([id, f]);
      }
      if (key !== undefined) sent.set(key, id);
      msg.ids.push(id);
      msg.rows.push(f.row);
    });
    this.sent = sent;
    return msg;
  }

  reset(): void {
    this.sent.clear();
  }
}

/** Main-thread side: the fragments of one document, by number. */
export class FragmentDecoder {
  private known = new Map<number, Fragment>();

  /** The body model of a version, or undefined when a fragment is missing (the worker must send all again). */
  decode(msg: FragmentsMessage): BodyModel | undefined {
    const fresh = new Map(msg.fresh);
    const next = new Map<number, Fragment>();
    const fragments: Fragment[] = [];
    for (let i = 0; i < msg.ids.length; i++) {
      const id = msg.ids[i]!;
      const f = fresh.get(id) ?? next.get(id) ?? this.known.get(id);
      if (!f) return undefined;
      const moved = fragmentAt(f, msg.rows[i]!);
      if (!next.has(id)) next.set(id, moved);
      fragments.push(moved);
    }
    this.known = next;
    return assembleBody(fragments);
  }
}
