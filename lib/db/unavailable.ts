// Recognises "the database cannot be reached right now" among the errors of
// node-postgres, Prisma's pg driver adapter and Prisma itself, so routes answer
// 503 with "잠시 후 다시 시도" during a Postgres restart instead of a 500. The
// app keeps running: pg's pool and Prisma reconnect by themselves afterwards.

// Socket errors (node's errno codes) raised while connecting or mid-query.
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
]);

// SQLSTATE class 08 (connection exception) and the shutdown/start-up codes of class 57.
const SQLSTATE = /^(08\d{3}|57P0[1-3])$/;

// Prisma's connection-level error codes: can't reach (P1001), timed out (P1002),
// server closed the connection (P1017), pool timeout (P2024).
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);

// Kinds of Prisma driver-adapter errors that mean the connection, not the query, failed.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);

// node-postgres reports a dropped connection only in its message.
const MESSAGES = [
  "Connection terminated",
  "connection terminated",
  "Client has encountered a connection error",
  "timeout exceeded when trying to connect",
  "the database system is starting up",
  "the database system is shutting down",
  "terminating connection due to administrator command",
];

function matches(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.code === "string") {
    if (SOCKET_CODES.has(v.code) || SQLSTATE.test(v.code) || PRISMA_CODES.has(v.code)) return true;
  }
  if (typeof v.originalCode === "string" && SQLSTATE.test(v.originalCode)) return true;
  if (typeof v.kind === "string" && ADAPTER_KINDS.has(v.kind)) return true;
  if (typeof v.message === "string" && MESSAGES.some((m) => (v.message as string).includes(m))) {
    return true;
  }
  return false;
}

/** Whether `error` or anything it wraps satisfies `test`. */
function someWrapped(error: unknown, test: (value: unknown) => boolean): boolean {
  // Breadth-first over the wrappers Prisma and pg use: cause, meta, driverAdapterError, errors[].
  const queue: unknown[] = [error];
  const seen = new Set<unknown>();
  while (queue.length > 0 && seen.size < 32) {
    const current = queue.shift();
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    if (test(current)) return true;
    const c = current as Record<string, unknown>;
    queue.push(c.cause, c.meta, c.driverAdapterError);
    if (Array.isArray(c.errors)) queue.push(...c.errors);
  }
  return false;
}

/** Whether an error (or anything it wraps) says the database is unreachable for now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return someWrapped(error, matches);
}

// Overload, not an outage: Prisma's interactive transaction outlived its timeout or
// waited too long to start (P2028), or PostgreSQL cancelled a statement that waited
// on a lock or ran out of time (55P03 lock_not_available, 57014 query_canceled).
// The transaction was rolled back, so the client may retry.
const BUSY_PRISMA_CODES = new Set(["P2028"]);
const BUSY_SQLSTATES = new Set(["55P03", "57014"]);

function busy(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.code === "string" && (BUSY_PRISMA_CODES.has(v.code) || BUSY_SQLSTATES.has(v.code)))
    return true;
  return typeof v.originalCode === "string" && BUSY_SQLSTATES.has(v.originalCode);
}

/** Whether an error (or anything it wraps) says the database timed out under load. */
export function isDatabaseBusy(error: unknown): boolean {
  return someWrapped(error, busy);
}
