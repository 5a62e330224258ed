// CPU time and resident memory of a process tree, read from /proc (Linux): the
// app server (next start and its children) and PostgreSQL are measured apart.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux
const PAGE_BYTES = 4096;

export interface ProcStat {
  pid: number;
  ppid: number;
  cpuSeconds: number;
  /** The part of cpuSeconds spent in the kernel (system time: sockets, syscalls). */
  systemSeconds: number;
  rssBytes: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may contain spaces: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return {
      pid,
      ppid: Number(fields[1]),
      // Its own time and that of its children it has reaped (cutime, cstime): Postgres
      // backends that exit during a run (a pool's idle connections) keep counting in the
      // postmaster's; summed over a tree's live processes, each process counts once.
      cpuSeconds:
        (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) /
        TICKS_PER_SECOND,
      systemSeconds: (Number(fields[12]) + Number(fields[14])) / TICKS_PER_SECOND,
      rssBytes: Number(fields[21]) * PAGE_BYTES,
    };
  } catch {
    return undefined; // the process ended meanwhile
  }
}

function allStats(): ProcStat[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readStat(Number(d)))
    .filter((s): s is ProcStat => s !== undefined);
}

/** CPU seconds and RSS summed over `root` and all its descendants. */
export function treeUsage(root: number): {
  cpuSeconds: number;
  systemSeconds: number;
  rssBytes: number;
} {
  let cpuSeconds = 0;
  let systemSeconds = 0;
  let rssBytes = 0;
  for (const s of treeProcesses(root)) {
    cpuSeconds += s.cpuSeconds;
    systemSeconds += s.systemSeconds;
    rssBytes += s.rssBytes;
  }
  return { cpuSeconds, systemSeconds, rssBytes };
}

/** `root` and all its descendants, root first (e.g. the worker launcher, then its workers). */
export function treeProcesses(root: number): ProcStat[] {
  const stats = allStats();
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) {
    const list = children.get(s.ppid) ?? [];
    list.push(s);
    children.set(s.ppid, list);
  }
  const found: ProcStat[] = [];
  const queue = stats.filter((s) => s.pid === root);
  while (queue.length > 0) {
    const s = queue.shift()!;
    found.push(s);
    queue.push(...(children.get(s.pid) ?? []));
  }
  return found;
}

/** Usage of every process whose command line contains `needle` (e.g. "postgres"). */
export function matchingUsage(needle: string): {
  cpuSeconds: number;
  systemSeconds: number;
  rssBytes: number;
} {
  let cpuSeconds = 0;
  let systemSeconds = 0;
  let rssBytes = 0;
  for (const s of allStats()) {
    let cmd = "";
    try {
      cmd = readFileSync(`/proc/${s.pid}/cmdline`, "utf8");
    } catch {
      continue;
    }
    if (cmd.includes(needle)) {
      cpuSeconds += s.cpuSeconds;
      systemSeconds += s.systemSeconds;
      rssBytes += s.rssBytes;
    }
  }
  return { cpuSeconds, systemSeconds, rssBytes };
}
