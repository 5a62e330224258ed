// A server process warms the Prisma client when it starts (instrumentation.ts →
// lib/db/warm-client.ts), so the first learner's Prisma route does not build, compile
// and connect it; a database that does not answer is logged, never thrown.
import { PrismaPg } from "@prisma/adapter-pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { register } from "@/instrumentation";
import { prismaWarm, warmPrismaClient } from "@/lib/db/warm-client";

describe("Prisma client warm-up at process start", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("register() runs one query through the process's client", async () => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("KUBELAB_WARM_LABS", "0");
    expect(prismaWarm()).toBeUndefined();
    await register();
    await expect(prismaWarm()).resolves.toBe("done");
  });

  it("resolves 'failed' and logs when the database does not answer", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    // Port 1 on the loopback: nothing listens, the connection is refused at once.
    const client = new PrismaClient({
      adapter: new PrismaPg({ connectionString: "postgresql://nobody@127.0.0.1:1/none" }),
    });
    try {
      await expect(warmPrismaClient(client)).resolves.toBe("failed");
    } finally {
      await client.$disconnect();
    }
    // One line naming the cause, not the whole Prisma error (code frame and stacks).
    expect(logged).toHaveBeenCalledWith(
      "[kubelab] database client not warmed: Can't reach database server at 127.0.0.1:1 (P1001)",
    );
  });
});
