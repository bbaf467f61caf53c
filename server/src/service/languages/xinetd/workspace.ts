/**
 * What the xinetd checks read from other files, through the `WorkspaceHost`: the image
 * root's `etc/services` (else the bundled Debian copy), and the files xinetd would read
 * together (`etc/xinetd.conf` and what its `include`/`includedir` lines name).
 */
import type { AnalysisContext, WorkspaceHost } from '../../core/language';
import { trimEndOf } from '../../core/scan';
import { BUNDLED_SERVICES } from './services';

export interface ServiceEntry { name: string; port: number; proto: string; aliases: string[] }

export interface ServicesDb {
  /** `getservbyname(name, proto)`: the port, matching the name or an alias. */
  lookup(name: string, proto: string): number | undefined;
  entries: readonly ServiceEntry[];
  /** Where the database comes from, for messages. */
  source: string;
}

export function parseServices(text: string, source: string): ServicesDb {
  const entries: ServiceEntry[] = [];
  const index = new Map<string, number>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [name, pp, ...aliases] = line.split(/\s+/);
    const m = /^(\d+)\/(\S+)$/.exec(pp ?? '');
    if (!name || !m) continue;
    const e = { name, port: Number(m[1]), proto: m[2]!, aliases };
    entries.push(e);
    for (const n of [name, ...aliases]) {
      const key = `${n}/${e.proto}`;
      if (!index.has(key)) index.set(key, e.port);
    }
  }
  return { entries, source, lookup: (name, proto) => index.get(`${name}/${proto}`) };
}

let bundled: ServicesDb | undefined;
const workspaceDbs = new Map<string, ServicesDb>();

export function bundledServices(): ServicesDb {
  bundled ??= parseServices(BUNDLED_SERVICES, 'the bundled Debian /etc/services');
  return bundled;
}

/** The image root of an xinetd file (`/img` for `/img/etc/xinetd.d/tftp`), or undefined. */
export function imageRoot(path: string): string | undefined {
  const p = path.replace(/\\/g, '/');
  const m = /^(.*)\/etc\/(xinetd\.conf|xinetd\.d\/[^/]+)$/.exec(p);
  return m ? m[1]! : undefined;
}

/** The services database for a file: its image root's `etc/services`, else the bundled copy. */
export function servicesFor(ctx: AnalysisContext): ServicesDb {
  const root = imageRoot(ctx.path);
  if (root !== undefined && ctx.host) {
    const path = `${root}/etc/services`;
    const text = ctx.host.readFile(path);
    if (text !== undefined) {
      const key = `${path}\0${text.length}\0${text.slice(0, 64)}\0${text.slice(-64)}`;
      let db = workspaceDbs.get(key);
      if (!db) {
        db = parseServices(text, path);
        if (workspaceDbs.size > 16) workspaceDbs.clear();
        workspaceDbs.set(key, db);
      }
      return db;
    }
  }
  return bundledServices();
}

/** `includedir` skips names that contain a `.` or end in `~`. */
export function includedirSkips(name: string): boolean {
  return name.length === 0 || name.includes('.') || name.endsWith('~');
}

export interface ConfigFile { path: string; text: string }

/**
 * The files xinetd reads for an image root, in its order: `etc/xinetd.conf`, with each
 * `include FILE` and `includedir DIR` expanded where it stands (paths under the root). Without
 * an `etc/xinetd.conf`, the files of `etc/xinetd.d` (what every distribution's file includes).
 * `directivesOf` gives a file's include lines, in order.
 */
export function configFiles(root: string, host: WorkspaceHost, directivesOf: (text: string) => { kind: 'include' | 'includedir'; arg: string }[]): ConfigFile[] {
  const out: ConfigFile[] = [];
  const seen = new Set<string>();
  const readDir = (dir: string): void => {
    for (const name of host.listDir(dir) ?? []) {
      if (includedirSkips(name)) continue;
      const path = `${dir}/${name}`;
      if (!host.stat(path)?.isFile) continue;
      readOne(path);
    }
  };
  const readOne = (path: string): void => {
    if (seen.has(path) || out.length > 500) return;
    seen.add(path);
    const text = host.readFile(path);
    if (text === undefined) return;
    out.push({ path, text });
    for (const d of directivesOf(text)) {
      const target = trimEndOf(`${root}${d.arg.startsWith('/') ? '' : '/'}${d.arg}`, '/');
      if (d.kind === 'include') readOne(target);
      else readDir(target);
    }
  };
  const main = `${root}/etc/xinetd.conf`;
  if (host.stat(main)?.isFile) readOne(main);
  else readDir(`${root}/etc/xinetd.d`);
  return out;
}
