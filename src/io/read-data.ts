/**
 * The one place that reads `data/` from disk. It gathers file contents and hands them to the pure
 * core (src/core/dataset.ts), which validates and verifies everything.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadDataSet, type DataInput, type DataSet } from '../core/dataset.ts';

/** Paths in problems are relative to `root`, so messages read `data/series/move.csv:12`. */
export function readDataInput(root: string, dataDir = join(root, 'data')): DataInput {
  const rel = (p: string) => relative(root, p).split('\\').join('/');
  const seriesDir = join(dataDir, 'series');
  const snapshotDir = join(dataDir, 'snapshots');
  const ids = new Set<string>();
  if (existsSync(seriesDir)) {
    for (const name of readdirSync(seriesDir).sort()) {
      const m = /^(.*)\.(yaml|csv)$/.exec(name);
      if (m) ids.add(m[1]!);
    }
  }
  const series = [...ids].sort().map((id) => {
    const yamlPath = join(seriesDir, `${id}.yaml`);
    const csvPath = join(seriesDir, `${id}.csv`);
    return {
      id,
      yamlPath: rel(yamlPath),
      csvPath: rel(csvPath),
      ...(existsSync(yamlPath) ? { yamlText: readFileSync(yamlPath, 'utf8') } : {}),
      ...(existsSync(csvPath) ? { csvBytes: new Uint8Array(readFileSync(csvPath)) } : {}),
    };
  });
  const snapshots = existsSync(snapshotDir)
    ? readdirSync(snapshotDir)
        .filter((n) => n.endsWith('.json'))
        .sort()
        .map((n) => ({ path: rel(join(snapshotDir, n)), name: n.slice(0, -'.json'.length), text: readFileSync(join(snapshotDir, n), 'utf8') }))
    : [];
  return { series, snapshots };
}

export function readDataSet(root: string, dataDir?: string): DataSet {
  return loadDataSet(readDataInput(root, dataDir));
}
