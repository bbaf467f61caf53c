/**
 * The `WorkspaceHost` over the real file system, used by the CLI and the server. The server
 * adds an overlay of open documents, so a check that reads another file sees the user's
 * unsaved text. Results are cached until `invalidate()` (the server calls it when files
 * change), so nothing is read from disk twice while typing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { FileInfo, WorkspaceHost } from '../service';

/** Files larger than this are not read for cross-file checks. */
const MAX_READ = 4 * 1024 * 1024;

export class FsHost implements WorkspaceHost {
  private readonly texts = new Map<string, string | undefined>();
  private readonly stats = new Map<string, FileInfo | undefined>();
  private readonly dirs = new Map<string, string[] | undefined>();

  /** `overlay`: the text of an open document, if any, by path. */
  constructor(private readonly overlay: (path: string) => string | undefined = () => undefined) {}

  readFile(path: string): string | undefined {
    const open = this.overlay(path);
    if (open !== undefined) return open;
    if (!this.texts.has(path)) {
      let text: string | undefined;
      try {
        const st = statSync(path);
        text = st.isFile() && st.size <= MAX_READ ? readFileSync(path, 'utf8') : undefined;
      } catch {
        text = undefined;
      }
      this.texts.set(path, text);
    }
    return this.texts.get(path);
  }

  stat(path: string): FileInfo | undefined {
    if (!this.stats.has(path)) {
      let info: FileInfo | undefined;
      try {
        const st = statSync(path);
        info = { isFile: st.isFile(), isDirectory: st.isDirectory(), mode: process.platform === 'win32' ? undefined : st.mode & 0o7777, size: st.size };
      } catch {
        info = undefined;
      }
      this.stats.set(path, info);
    }
    return this.stats.get(path);
  }

  listDir(path: string): string[] | undefined {
    if (!this.dirs.has(path)) {
      let names: string[] | undefined;
      try {
        names = readdirSync(path).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      } catch {
        names = undefined;
      }
      this.dirs.set(path, names);
    }
    return this.dirs.get(path);
  }

  /** Forgets cached facts (all, or those of one path and its directory). */
  invalidate(path?: string): void {
    if (path === undefined) {
      this.texts.clear();
      this.stats.clear();
      this.dirs.clear();
      return;
    }
    this.texts.delete(path);
    this.stats.delete(path);
    this.dirs.delete(path.slice(0, path.lastIndexOf('/')) || '/');
  }
}
