/**
 * The asof Astro integration: loads and verifies the archive before anything renders, so a bad input
 * fails the build with the list of problems (file:line: what, and what to do) instead of a stack
 * trace; clears the archive on edits in dev. (Search is indexed after the build: src/search/index-site.ts.)
 */
import type { AstroIntegration } from 'astro';
import { AsofError, formatProblem } from './core/problems.ts';
import { archiveRoot, getArchive } from './archive/index.ts';

const cache = globalThis as typeof globalThis & { __asofArchive?: Map<string, unknown> };

export function asof(): AstroIntegration {
  return {
    name: 'asof',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        if (command === 'dev') process.env.ASOF_DRAFTS = '1';
        if (command !== 'build') return;
        try {
          const archive = getArchive();
          for (const w of archive.warnings) logger.warn(formatProblem(w));
          logger.info(`archive: ${archive.notes.length} notes, ${archive.watches.length} conditions, now = ${archive.now ?? 'no snapshot'}`);
        } catch (e) {
          if (e instanceof AsofError) {
            for (const p of e.problems) (p.severity === 'warning' ? logger.warn : logger.error).call(logger, formatProblem(p));
            const n = e.problems.filter((p) => p.severity !== 'warning').length;
            // A short message: the problems above are the useful part, a stack trace is not.
            const err = new Error(`asof: the archive has ${n} problem${n === 1 ? '' : 's'} (listed above); nothing was built.`);
            err.stack = err.message;
            throw err;
          }
          throw e;
        }
      },
      'astro:server:setup': ({ server }) => {
        const root = archiveRoot();
        const clear = (file: string) => {
          if (file.startsWith(`${root}/content/`) || file.startsWith(`${root}/data/`)) cache.__asofArchive?.clear();
        };
        server.watcher.add([`${root}/data/**`]);
        for (const ev of ['add', 'change', 'unlink'] as const) server.watcher.on(ev, clear);
      },
    },
  };
}
