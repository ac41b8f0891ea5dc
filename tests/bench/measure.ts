/**
 * Runs a command and measures it: wall time, CPU time of the process tree, and the peak resident
 * memory of its whole process tree (the build's node process plus whatever it spawns: esbuild,
 * pagefind), sampled from /proc. Where /proc is missing (not Linux) the peak is reported as unknown
 * rather than guessed. CPU time is what to compare on a busy machine: other load stretches wall time
 * far more than the CPU a build needs.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export interface Measured {
  code: number | null;
  seconds: number;
  /** User + system CPU seconds of the command and every process it waited for; null where unknown. */
  cpuSeconds: number | null;
  /** Peak of the summed RSS of the process tree, in MB; null where it cannot be read. */
  peakMb: number | null;
  /** Peak RSS in MB of each kind of process in the tree (node, pagefind, ...), each at its own peak. */
  peakByName: Map<string, number>;
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

function status(pid: number): { rssKb: number; name: string } {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+) kB/.exec(text);
    const name = /^Name:\s+(.*)$/m.exec(text);
    return { rssKb: rss ? Number(rss[1]) : 0, name: name ? name[1]!.trim() : '?' };
  } catch {
    return { rssKb: 0, name: '?' };
  }
}

/** RSS (KB) of the descendants of `root` (not `root` itself: that is the npx wrapper), summed and by process name. */
function treeRss(root: number): { total: number; byName: Map<string, number> } {
  const ppid = parents();
  const children = new Map<number, number[]>();
  for (const [pid, parent] of ppid) children.set(parent, [...(children.get(parent) ?? []), pid]);
  let total = 0;
  const byName = new Map<string, number>();
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    const s = status(pid);
    total += s.rssKb;
    byName.set(s.name, (byName.get(s.name) ?? 0) + s.rssKb);
    stack.push(...(children.get(pid) ?? []));
  }
  return { total, byName };
}

/** The children's line of the shell's `times` ("0m12.345s 0m1.234s"), as seconds. */
function childCpu(output: string): number | null {
  const lines = [...output.matchAll(/^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/gm)];
  const m = lines.at(-1);
  return m ? Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4]) : null;
}

export function run(cmd: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; intervalMs?: number }): Promise<Measured> {
  const canPoll = existsSync('/proc/self/status');
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    // Under sh, so its `times` builtin can report the CPU of everything the command ran.
    const q = (a: string) => `'${a.replace(/'/g, "'\\''")}'`;
    const script = `${[cmd, ...args].map(q).join(' ')}; s=$?; times; exit $s`;
    const child = spawn('sh', ['-c', script], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    let peak = 0;
    const peakByName = new Map<string, number>();
    const timer = canPoll
      ? setInterval(() => {
          if (child.pid === undefined) return;
          const t = treeRss(child.pid);
          peak = Math.max(peak, t.total);
          for (const [name, kb] of t.byName) peakByName.set(name, Math.max(peakByName.get(name) ?? 0, kb / 1024));
        }, options.intervalMs ?? 100)
      : undefined;
    child.on('error', (e) => {
      if (timer) clearInterval(timer);
      reject(e);
    });
    child.on('close', (code) => {
      if (timer) clearInterval(timer);
      resolvePromise({ code, seconds: (performance.now() - t0) / 1000, cpuSeconds: childCpu(output), peakMb: canPoll ? peak / 1024 : null, peakByName, output });
    });
  });
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
