// Next.js calls register() once when a server process (each worker of `npm start`)
// starts. It builds the labs' start templates in the background, so a class opening a
// lab at the same minute never waits for the first build (lib/labs/start/lab-start-template.ts);
// /api/ready answers 503 until they are built, so the balancer (and bench:load) sends
// learners only then. This file's bundle has its own copy of that module: the templates
// live on globalThis, where the routes' copy finds them. KUBELAB_WARM_LABS=0 turns it off.
// It also warms the Prisma client (lib/db/warm-client.ts; KUBELAB_WARM_DB=0 turns it off).

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.KUBELAB_WARM_DB !== "0") {
    const { startPrismaWarm } = await import("@/lib/db/warm-client");
    // Not awaited: a database that is down is logged, and the boot goes on.
    void startPrismaWarm();
  }
  if (process.env.KUBELAB_WARM_LABS === "0") return;
  const [{ allLabs }, { warmLabTemplates }] = await Promise.all([
    import("@/lib/labs/catalog"),
    import("@/lib/labs/start/lab-start-template"),
  ]);
  // Not awaited: the server answers while the templates build, one lab per macrotask.
  warmLabTemplates(allLabs()).catch((error: unknown) => {
    console.error("[kubelab] lab templates not warmed:", error);
  });
}
