// The process's warm-up of lab templates: readiness waits while it runs, it ends even
// when a lab fails to build, and templates one bundled copy of the module warmed serve
// another copy (Next.js bundles a module once per layer: instrumentation.ts warms in
// its copy, the routes copy from theirs).
import { afterEach, describe, expect, it, vi } from "vitest";
import { serializeState, type SandboxState } from "@/lib/sim";
import { TEMPLATE_TIME } from "@/lib/sim/cluster/cluster-template";
import { shiftState } from "@/lib/sim/cluster/time-shift";
import { allLabs } from "../catalog";
import type { LoadedLab } from "../load-labs";
import { startSchema } from "../schema/lab-schema";
import { buildLabStart } from "./build-start";
import { resetLabTemplatesForTests, warmLabTemplates } from "./lab-start-template";
import { labTemplatesWarming } from "./warm-state";

const LATER = TEMPLATE_TIME + 86_400_000 + 7_000; // whole seconds: copies move by those
const SLOW = { timeout: 120_000 };
const sample = allLabs()[0]!.sample;

const start = {
  objects: [
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "w" }, data: { n: "x{{n}}" } },
  ],
};

function labWith(id: string, rawStart: unknown): LoadedLab {
  return {
    id,
    file: `${id}.yaml`,
    courseId: "c",
    sessionId: "s",
    raw: { start: rawStart },
    sample: { ...sample, id, params: { n: { type: "int", min: 7, max: 7 } } },
  };
}

const strip = (s: SandboxState) => serializeState({ ...s, tokens: {}, rng: [0, 0, 0, 0] });

afterEach(() => resetLabTemplatesForTests());

describe("lab template warm-up", SLOW, () => {
  it("is reported as running until every lab is built", async () => {
    resetLabTemplatesForTests();
    expect(labTemplatesWarming()).toBe(false);
    const warm = warmLabTemplates([labWith("warm-a", start), labWith("warm-b", start)]);
    expect(labTemplatesWarming()).toBe(true);
    // Two labs of one start and values are two templates (the lab id is in the key).
    expect(await warm).toBe(2);
    expect(labTemplatesWarming()).toBe(false);
  });

  it("ends even when a lab cannot be built, so the process does not stay unready", async () => {
    resetLabTemplatesForTests();
    const broken = labWith("broken", { objects: "not a list" });
    const warm = warmLabTemplates([broken]);
    expect(labTemplatesWarming()).toBe(true);
    await expect(warm).rejects.toThrow();
    expect(labTemplatesWarming()).toBe(false);
  });

  it("serves the templates another bundled copy of the module warmed", async () => {
    vi.resetModules();
    const warmer = await import("./lab-start-template");
    warmer.resetLabTemplatesForTests();
    const lab = labWith("shared", start);
    expect(await warmer.warmLabTemplates([lab])).toBe(1);
    vi.resetModules();
    const route = await import("./lab-start-template");
    expect(route).not.toBe(warmer);
    expect(route.labTemplateCount()).toBe(1);
    expect(await route.warmLabTemplates([lab])).toBe(0); // nothing to build: the copy sees it
    // Equal to a fresh build with the learner's values, moved to the creation time.
    const copy = route.labStartFor(lab, { n: 7 }, "learner-seed", LATER);
    const fresh = buildLabStart(
      { start: startSchema.parse({ objects: [{ ...start.objects[0], data: { n: "x7" } }] }) },
      warmer.LAB_TEMPLATE_SEED,
      TEMPLATE_TIME,
    );
    expect(strip(copy.state)).toBe(strip(shiftState(fresh.state, LATER - TEMPLATE_TIME)));
    expect(copy.state.store.live.get("/registry/configmaps/default/w")?.value).toContain('"x7"');
  });
});
