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
