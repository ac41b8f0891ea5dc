/** Every internal link goes through here, so the site works under any base path ("/" or "/archive/"). */
const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

/** `href('/notes/x/')` → `/archive/notes/x/` under base `/archive/`. */
export function href(path: string): string {
  return BASE + path.replace(/^\//, '');
}

export const noteHref = (id: string) => href(`/notes/${id}/`);
export const seriesHref = (id: string) => href(`/series/${id}/`);
export const tagHref = (tag: string) => href(`/tags/${tag}/`);
