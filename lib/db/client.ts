import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

// One client per process; Next.js dev reloads modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { kubelabPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set; start the app with `npm start` or set it explicitly");
  }
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString }),
    // Interactive transactions (quiz, classes, workspace files) hold a connection
    // across awaits; when the event loop stalls behind engine work under load, the
    // defaults (2 s to start, 5 s to finish) expired transactions that were only
    // waiting for their turn. A timeout that still fires answers 503 databaseBusy.
    transactionOptions: { maxWait: 5_000, timeout: 15_000 },
  });
}

export function db(): PrismaClient {
  globalForPrisma.kubelabPrisma ??= createClient();
  return globalForPrisma.kubelabPrisma;
}
