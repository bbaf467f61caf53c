/** An in-memory WorkspaceHost: files by absolute path; folders are implied by them. */
import type * as svc from '../../server/src/service';

export function memHost(files: Record<string, string>, modes: Record<string, number> = {}): svc.WorkspaceHost {
  const dirs = new Set<string>(['/']);
  for (const p of Object.keys(files)) {
    let d = p.slice(0, p.lastIndexOf('/'));
    while (d.length > 0) {
      dirs.add(d);
      d = d.slice(0, d.lastIndexOf('/'));
    }
  }
  return {
    readFile: (p) => files[p],
    stat: (p) => (p in files ? { isFile: true, isDirectory: false, mode: modes[p] ?? 0o755, size: files[p]!.length } : dirs.has(p) ? { isFile: false, isDirectory: true, size: 0 } : undefined),
    listDir: (p) => {
      if (!dirs.has(p)) return undefined;
      const names = new Set<string>();
      const prefix = p === '/' ? '/' : `${p}/`;
      for (const f of [...Object.keys(files), ...dirs]) if (f !== '/' && f.startsWith(prefix)) names.add(f.slice(prefix.length).split('/')[0]!);
      return [...names].sort();
    },
  };
}
