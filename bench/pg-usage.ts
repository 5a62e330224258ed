// Counts what this process asks of PostgreSQL: statements sent through node-postgres
// (the sandbox pool and Prisma's pg adapter both use it) and the bytes on their
// sockets. Installed before the first connection; read with pgUsage().
import pg from "pg";

interface Usage {
  statements: number;
  bytesSent: number;
  bytesReceived: number;
}

const sockets = new Set<{ bytesWritten: number; bytesRead: number }>();
let statements = 0;
// Bytes of each parameter of the named statements ("name:$n" → bytes), for breakdowns.
const parameterBytes = new Map<string, number>();

function byteSize(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (Buffer.isBuffer(v)) return v.byteLength;
  if (typeof v === "string") return Buffer.byteLength(v);
  return Buffer.byteLength(JSON.stringify(v) ?? "");
}

function countParameters(config: unknown): void {
  const c = config as { name?: unknown; values?: unknown };
  if (typeof c?.name !== "string" || !Array.isArray(c.values)) return;
  c.values.forEach((v, i) => {
    const key = `${c.name as string}:$${i + 1}`;
    parameterBytes.set(key, (parameterBytes.get(key) ?? 0) + byteSize(v));
  });
}

/** Parameter bytes sent so far per named statement and parameter ("name:$n"). */
export function pgParameterBytes(): Map<string, number> {
  return new Map(parameterBytes);
}
let installed = false;

export function installPgCounter(): void {
  if (installed) return;
  installed = true;
  const proto = pg.Client.prototype as unknown as {
    query: (...args: unknown[]) => unknown;
    connect: (...args: unknown[]) => unknown;
  };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    statements++;
    countParameters(args[0]);
    return query.apply(this, args);
  };
  const connect = proto.connect;
  proto.connect = function (this: { connection?: { stream?: unknown } }, ...args: unknown[]) {
    const out = connect.apply(this, args);
    const stream = this.connection?.stream as { bytesWritten: number; bytesRead: number };
    if (stream) sockets.add(stream);
    return out;
  };
}

export function pgUsage(): Usage {
  let bytesSent = 0;
  let bytesReceived = 0;
  for (const s of sockets) {
    bytesSent += s.bytesWritten;
    bytesReceived += s.bytesRead;
  }
  return { statements, bytesSent, bytesReceived };
}
