// Whether this process is still building its lab start templates ahead of the first
// learner (lab-start-template.ts warmLabTemplates, started by instrumentation.ts).
// A module of its own, with no imports, so /api/ready can ask without loading the
// simulator. The flag lives on globalThis: a Next.js production build bundles a module
// once per layer (instrumentation, route handlers, server components), each copy with
// its own module scope, and the warm-up runs in instrumentation's copy.

export type WarmState = "idle" | "running" | "done";

const shared = globalThis as unknown as { kubelabLabTemplatesWarm?: WarmState };

export function setLabTemplatesWarm(state: WarmState): void {
  shared.kubelabLabTemplatesWarm = state;
}

/**
 * true while the warm-up runs (/api/ready answers 503 meanwhile, so a balancer sends no
 * class to this process yet); false when none was started (KUBELAB_WARM_LABS=0, tests,
 * dev) or it has ended, even in failure (the rest is then built on first use).
 */
export function labTemplatesWarming(): boolean {
  return shared.kubelabLabTemplatesWarm === "running";
}

/** Whether this process started a warm-up at all (instrumentation.ts in a served build). */
export function labWarmStarted(): boolean {
  return (shared.kubelabLabTemplatesWarm ?? "idle") !== "idle";
}
