/**
 * Vitest global setup: one scratch folder per `vitest run` for builds that several test files share
 * (see shared-build.ts). It starts with a copy of the project's code and of the sample archive
 * (content/, data/), taken once, so every build of the run sees the same inputs even while someone
 * edits the working tree. Set ASOF_KEEP_TEST_BUILDS=1 to keep the folder for inspection.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { PROJECT_FILES, REPO } from './build.ts';

/** The Node the tests run on is the `node` devDependency's major, which `npm test` puts first on PATH. */
function checkNode(): void {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { devDependencies: { node: string } };
  const wanted = /\d+/.exec(pkg.devDependencies.node)![0];
  const running = process.versions.node.split('.')[0];
  if (running !== wanted) {
    throw new Error(`The tests run on Node ${wanted} (the \`node\` devDependency), not Node ${process.versions.node}: run them with \`npm test\` or \`npx vitest\` after \`npm install\`.`);
  }
}

export default function setup(project: TestProject) {
  checkNode();
  const dir = mkdtempSync(join(tmpdir(), 'asof-run-'));
  // Kept apart: the archive's MDX files must not find the project's tsconfig.json above them
  // without the node_modules it extends.
  for (const f of PROJECT_FILES) cpSync(join(REPO, f), join(dir, 'inputs', 'code', f), { recursive: true });
  for (const f of ['content', 'data']) {
    if (existsSync(join(REPO, f))) cpSync(join(REPO, f), join(dir, 'inputs', 'sample', f), { recursive: true });
  }
  project.provide('asofRunDir', dir);
  return () => {
    if (process.env.ASOF_KEEP_TEST_BUILDS === '1') console.log(`asof test builds kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
}
