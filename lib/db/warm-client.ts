import type { PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "./client";
import { errorLine } from "./error-line";

// The first Prisma query in a process builds the client's query engine, compiles the
// query and opens the connection on the event loop: ~750 ms, and ~90 ms more for the
// first model query (session 16, TAIL). instrumentation.ts runs this when a server
// process starts, so the first learner's 채점 or quiz request in each worker does not
// pay it. The client lives on globalThis (client.ts), so the routes' bundled copy of
// db() finds the one warmed here.
//
// Not part of readiness: it runs beside the lab templates' warm-up, which /api/ready
// already waits for, and a Postgres that is down or hangs at boot must neither fail the
// boot nor hold readiness (/api/ready's own query reports the database).

export type PrismaWarm = "done" | "failed";

/**
 * One cheap model query (an index lookup that finds no row) through `client`; resolves
 * "failed" (logged) instead of throwing when the database does not answer.
 */
export async function warmPrismaClient(client?: PrismaClient): Promise<PrismaWarm> {
  try {
    // db() inside the try: it throws when DATABASE_URL is unset, which must not end the process.
    await (client ?? db()).user.findFirst({ where: { id: "" }, select: { id: true } });
    return "done";
  } catch (error) {
    // One line with the cause: the whole Prisma error is a code frame and two stacks.
    console.error(`[kubelab] database client not warmed: ${errorLine(error)}`);
    return "failed";
  }
}

const shared = globalThis as unknown as { kubelabPrismaWarm?: Promise<PrismaWarm> };

/** Starts the warm-up once per process (instrumentation.ts); not awaited there. */
export function startPrismaWarm(): Promise<PrismaWarm> {
  shared.kubelabPrismaWarm ??= warmPrismaClient();
  return shared.kubelabPrismaWarm;
}

/** The process's warm-up, if one was started (benches and tests wait for it). */
export function prismaWarm(): Promise<PrismaWarm> | undefined {
  return shared.kubelabPrismaWarm;
}
