/**
 * Vitest global setup: one scratch folder per `vitest run` for builds that several test files share
 * (see shared-build.ts). Set ASOF_KEEP_TEST_BUILDS=1 to keep it for inspection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'asof-run-'));
  project.provide('asofRunDir', dir);
  return () => {
    if (process.env.ASOF_KEEP_TEST_BUILDS === '1') console.log(`asof test builds kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
}
