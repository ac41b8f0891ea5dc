/**
 * The asof Astro integration: loads and verifies the archive before anything renders, so a bad input
 * fails the build with the list of problems (file:line: what, and what to do) instead of a stack
 * trace; includes drafts in dev and re-reads the archive on edits there; gives note links the base
 * Astro resolved; writes /watch.json after the pages. (Search is indexed after the build:
 * src/search/index-site.ts.)
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { AsofError, formatProblem } from './core/problems.ts';
import { archiveRoot, configureArchive, getArchive, resetArchive } from './archive/index.ts';
import { writePartsAtomic } from './io/write-atomic.ts';
import { watchJsonParts } from './lib/watch-json.ts';
import { setNoteLinkBase } from './notes/inject-note-props.ts';

export function asof(): AstroIntegration {
  return {
    name: 'asof',
    hooks: {
      'astro:config:setup': ({ command, config, logger, injectRoute }) => {
        // The base from astro.config.mjs or `astro build --base`, as Astro resolved it.
        setNoteLinkBase(config.base);
        configureArchive({ includeDrafts: command === 'dev' });
        // A build writes /watch.json after the pages (below); the dev server serves it as a route.
        if (command === 'dev') injectRoute({ pattern: '/watch.json', entrypoint: new URL('./routes/watch.json.ts', import.meta.url) });
        if (command !== 'build') return;
        try {
          const archive = getArchive();
          for (const w of archive.warnings) logger.warn(formatProblem(w));
          logger.info(`archive: ${archive.notes.length} notes, ${archive.watches.length} conditions, now = ${archive.now ?? 'no snapshot'}`);
        } catch (e) {
          if (!(e instanceof AsofError)) throw e;
          for (const p of e.problems) (p.severity === 'warning' ? logger.warn : logger.error).call(logger, formatProblem(p));
          const n = e.problems.filter((p) => p.severity !== 'warning').length;
          logger.error(`the archive has ${n} problem${n === 1 ? '' : 's'} (listed above); nothing was built.`);
          // Throwing here would wrap the list in Astro's "unhandled error" report with a stack; the
          // problems are the whole message. Nothing has been written yet.
          process.exit(1);
        }
      },
      // /watch.json holds every condition's met spans: hundreds of MB at 10,000 notes. Written here a
      // batch of entries at a time rather than as a page, which holds the whole text and its bytes.
      'astro:build:done': ({ dir, logger }) => {
        const bytes = writePartsAtomic(join(fileURLToPath(dir), 'watch.json'), watchJsonParts(getArchive()));
        logger.info(`watch.json: ${(bytes / 2 ** 20).toFixed(1)} MB`);
      },
      'astro:server:setup': ({ server }) => {
        const root = archiveRoot();
        const reset = (file: string) => {
          if (file.startsWith(`${root}/content/`) || file.startsWith(`${root}/data/`)) resetArchive();
        };
        server.watcher.add([`${root}/data/**`]);
        for (const ev of ['add', 'change', 'unlink'] as const) server.watcher.on(ev, reset);
      },
    },
  };
}
