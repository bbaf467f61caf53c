/**
 * The server's file host, counting its changes (`WorkspaceHost.changes`): a value kept with the
 * reads it made (the systemd generator's run, the rcN.d link plan) then checks only the reads of
 * the paths that changed since it last agreed, instead of every file of the tree on every
 * analysis (with 1,000 scripts open that made opening them quadratic).
 *
 * The FsHost caches every counted answer (texts, status, listings, link targets) until
 * `invalidate`, so disk answers change only there; an open document's text changes only when
 * the server says so (`overlayChanged`: opened, edited, closed).
 */
import type { HostChanges } from '../service/core/language';
import { FsHost } from '../host/fsHost';

/** Changes kept by path; past this many, the oldest are forgotten (a value older than those checks all its reads). */
const MAX_LOGGED = 4096;

export class CountedHost extends FsHost implements HostChanges {
  private current = 0;
  /** Paths of changes first+1 … current, in order. */
  private log: string[] = [];
  private first = 0;

  get seq(): number {
    return this.current;
  }

  changes(): HostChanges {
    return this;
  }

  since(seq: number): readonly string[] | undefined {
    if (seq < this.first || seq > this.current) return undefined;
    return seq === this.current ? [] : this.log.slice(seq - this.first);
  }

  /** `paths` may answer differently from now on (undefined: anything may). */
  private note(paths: readonly string[] | undefined): void {
    if (paths === undefined) {
      this.current++;
      this.log = [];
      this.first = this.current;
      return;
    }
    for (const p of paths) {
      this.log.push(p);
      this.current++;
    }
    if (this.log.length > MAX_LOGGED) {
      const drop = this.log.length - MAX_LOGGED / 2;
      this.log.splice(0, drop);
      this.first += drop;
    }
  }

  /** An open document's text (what `readFile` answers for its path) changed, or it was opened or closed. */
  overlayChanged(path: string): void {
    this.note([path]);
  }

  override invalidate(path?: string): void {
    super.invalidate(path);
    // The path itself, and its folder's listing (a file created or removed).
    this.note(path === undefined ? undefined : [path, path.slice(0, path.lastIndexOf('/')) || '/']);
  }
}
