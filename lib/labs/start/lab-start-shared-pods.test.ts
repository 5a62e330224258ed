// Every lab's copy of its template stores its static pod manifests as the template's text
// and a shift (lib/db/sandboxes/shared-parts.ts): the text with its timestamps moved by
// the shift must give exactly the copy's manifests, for every lab, or a learner's
// sandbox loaded from Postgres would not be the one they were given.
import { describe, expect, it } from "vitest";
import { insertMetaOf, withSharedPods } from "@/lib/db/sandboxes/shared-parts";
import { stateMeta } from "@/lib/sim";
import { allLabs } from "../catalog";
import { drawParams } from "../params";
import { labStartFor } from "./lab-start-template";

const LATER = Date.UTC(2027, 2, 14, 1, 59, 26, 535); // another day, hour and second

describe("lab starts' static pods as a shared part", () => {
  it("rebuilds every lab copy's manifests from the template's text and the shift", () => {
    let shared = 0;
    for (const lab of allLabs()) {
      const params = drawParams("shared-pods-learner", lab.id, lab.sample.params);
      const start = labStartFor(lab, params, "c0ffee".repeat(5) + "00", LATER);
      const meta = insertMetaOf(start.state, start.podsTemplate);
      const full = stateMeta(start.state);
      if (!meta.shared) continue;
      shared++;
      const cold = JSON.parse(meta.cold) as typeof full;
      expect(cold.world).not.toHaveProperty("staticPods");
      const back = withSharedPods(
        { ...full, world: cold.world! },
        meta.shared.hash,
        meta.shared.body,
        String(meta.shared.shiftMs),
      );
      expect(JSON.stringify(back.world!.staticPods), lab.id).toBe(
        JSON.stringify(start.state.world!.staticPods),
      );
    }
    // Every lab built from a copyable template shares them (most labs).
    expect(shared).toBeGreaterThan(allLabs().length / 2);
  });

  it("keeps a world that holds its own manifests as it is", () => {
    const lab = allLabs()[0]!;
    const start = labStartFor(
      lab,
      drawParams("x", lab.id, lab.sample.params),
      "ab".repeat(16),
      LATER,
    );
    const full = stateMeta(start.state);
    expect(withSharedPods(full, "f".repeat(64), "{}", "0")).toBe(full);
    expect(() =>
      withSharedPods({ ...full, world: { machines: {} } as never }, "f".repeat(64), null, "0"),
    ).toThrow(/missing/);
  });
});
