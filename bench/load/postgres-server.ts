// Finds a benchmark's own PostgreSQL server process, so its CPU can be counted apart
// from other databases on a shared machine: the data directory (SHOW data_directory)
// holds postmaster.pid, whose first line is the server's pid; its backends are its
// children (treeUsage).
import { readFileSync } from "node:fs";
import path from "node:path";
import { matchingUsage, treeUsage } from "./process-stats";

interface RawQuery {
  $queryRawUnsafe<T = unknown>(query: string): Promise<T>;
}

/** The postmaster's pid from a data directory's postmaster.pid. */
export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
}

/** The pid of the server `client` is connected to; throws when it cannot be read here. */
export async function serverPid(client: RawQuery): Promise<number> {
  const rows = await client.$queryRawUnsafe<{ data_directory: string }[]>("SHOW data_directory");
  const dir = rows[0]?.data_directory;
  const pid = dir ? postmasterPid(dir) : NaN;
  if (!Number.isInteger(pid) || pid <= 0) throw new Error("no readable postmaster.pid");
  return pid;
}

/**
 * Usage of the server `client` is connected to: its process tree when its pid can be
 * read; otherwise (a remote server, or a role that may not read data_directory) every
 * process named "postgres", which on a shared machine also counts other databases.
 */
export async function postgresUsage(client: RawQuery): Promise<{
  what: string;
  read: () => ReturnType<typeof treeUsage>;
}> {
  try {
    const pid = await serverPid(client);
    return { what: `server pid ${pid} and its backends`, read: () => treeUsage(pid) };
  } catch {
    return { what: "every process named postgres", read: () => matchingUsage("postgres") };
  }
}
