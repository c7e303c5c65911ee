import { readdirSync, readFileSync } from 'node:fs';

/** Peak memory of a process tree, sampled from /proc (Linux): the largest single process and the largest sum seen at once. */
export interface Peak {
  maxProcessMb: number;
  maxTreeMb: number;
}

/** kB of a field in /proc/PID/status (0 when unreadable: the process is gone, or this is not Linux). */
function statusKb(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Every live descendant of a process (and itself). */
function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(
        readFileSync(`/proc/${name}/stat`, 'utf8')
          .replace(/^.*\) /s, '')
          .split(' ')[1],
      );
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone between readdir and read
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]) ?? []));
  return out;
}

/** Samples a process tree every intervalMs until stop() (peak per process from VmHWM, the tree's sum from VmRSS). */
export function watchPeak(root: number, intervalMs = 100): { stop(): Peak } {
  const hwm = new Map<number, number>();
  let maxTree = 0;
  const sample = (): void => {
    let sum = 0;
    for (const pid of tree(root)) {
      sum += statusKb(pid, 'VmRSS');
      hwm.set(pid, Math.max(hwm.get(pid) ?? 0, statusKb(pid, 'VmHWM')));
    }
    maxTree = Math.max(maxTree, sum);
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return { maxProcessMb: Math.round(Math.max(0, ...hwm.values()) / 1024), maxTreeMb: Math.round(maxTree / 1024) };
    },
  };
}
