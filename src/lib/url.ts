/** Every internal link goes through here, so the site works under any base path ("/" or "/archive/"). */
// Outside Vite (plain Node: the CLI, benchmarks) there is no import.meta.env; the base is then "/".
const RAW_BASE: string = import.meta.env?.BASE_URL ?? '/';
const BASE = RAW_BASE.endsWith('/') ? RAW_BASE : `${RAW_BASE}/`;

/** `href('/notes/x/')` → `/archive/notes/x/` under base `/archive/`. */
export function href(path: string): string {
  return BASE + path.replace(/^\//, '');
}

export const noteHref = (id: string) => href(`/notes/${id}/`);
export const seriesHref = (id: string) => href(`/series/${id}/`);
export const tagHref = (tag: string) => href(`/tags/${tag}/`);
