/**
 * Runs a command and measures it: wall time, and the peak resident memory of its whole process tree
 * (the build's node process plus whatever it spawns: esbuild, pagefind), sampled from /proc. Where
 * /proc is missing (not Linux) the peak is reported as unknown rather than guessed.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export interface Measured {
  code: number | null;
  seconds: number;
  /** Peak of the summed RSS of the process tree, in MB; null where it cannot be read. */
  peakMb: number | null;
  output: string;
}

/** Parent pid of every process, from /proc/<pid>/stat (the field after the parenthesised name). */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), Number(rest[1]));
    } catch {
      // The process ended between readdir and read.
    }
  }
  return out;
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Summed RSS (KB) of the descendants of `root` (not `root` itself: that is the npx wrapper). */
function treeRssKb(root: number): number {
  const ppid = parents();
  const children = new Map<number, number[]>();
  for (const [pid, parent] of ppid) children.set(parent, [...(children.get(parent) ?? []), pid]);
  let total = 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rssKb(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export function run(cmd: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; intervalMs?: number }): Promise<Measured> {
  const canPoll = existsSync('/proc/self/status');
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    let peak = 0;
    const timer = canPoll
      ? setInterval(() => {
          if (child.pid !== undefined) peak = Math.max(peak, treeRssKb(child.pid));
        }, options.intervalMs ?? 100)
      : undefined;
    child.on('error', (e) => {
      if (timer) clearInterval(timer);
      reject(e);
    });
    child.on('close', (code) => {
      if (timer) clearInterval(timer);
      resolvePromise({ code, seconds: (performance.now() - t0) / 1000, peakMb: canPoll ? peak / 1024 : null, output });
    });
  });
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
