// What a lab session's requests run, loaded in the bundle of the route handlers:
// instrumentation.ts warms its own bundled copy of the modules, and the first learner
// of each worker would otherwise wait while the routes' copy is loaded and evaluated
// (the simulator, the terminal, the labs' catalog), with a whole class queued behind.
// /api/ready loads it on its first probe and answers 503 until it is done.

export async function loadLabSessionModules(): Promise<void> {
  const [{ allLabs }] = await Promise.all([
    import("../catalog"),
    import("../server/lab-sandbox"),
    import("@/lib/terminal"),
  ]);
  allLabs();
}
