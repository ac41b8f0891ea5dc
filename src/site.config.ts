/**
 * The site's identity, in one typed place. `ASOF_SITE` and `ASOF_BASE` override the URL and base
 * path at build time (to publish the same archive under /archive/, or to test it so).
 */
export interface SiteConfig {
  /** Publisher name, shown in the header, feeds and copyright line. */
  publisher: string;
  /** Title of the archive. */
  title: string;
  /** Absolute URL of the published site (no trailing slash), for feeds, sitemap and canonical links. */
  url: string;
  /**
   * Path the site is served under: "/" or "/archive/". This is astro.config.mjs's `base`; pages
   * and note links follow the base Astro resolves from it, which `astro build --base` overrides.
   */
  base: string;
  /** Author of notes that name none. */
  defaultAuthor: string;
  /** Shown under every note. */
  disclaimer: string;
  /** Shown under every page. */
  copyright: string;
  /** For feeds and the home page's meta description. */
  description: string;
  /** BCP 47 language of the content. */
  lang: string;
}

export const site: SiteConfig = {
  publisher: 'Constraint Ledger',
  title: 'Constraint Ledger — dated notes on rates, funding and liquidity',
  url: process.env.ASOF_SITE ?? 'https://example.org',
  base: process.env.ASOF_BASE ?? '/',
  defaultAuthor: 'The Constraint Ledger desk',
  disclaimer:
    'Research notes for information only, not investment advice. The data in this sample archive is illustrative: it is shaped like the named sources but is not their published record.',
  copyright: '© 2026 Constraint Ledger. Sample content for asof.',
  description: 'A dated archive of market notes whose watch conditions are shown as they stood then, and as they stand now.',
  lang: 'en',
};
