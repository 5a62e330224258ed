import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { allLabs } from "./catalog";
import { definitionFor } from "./lab-definitions";
import type { LoadedLab } from "./load-labs";
import { drawParams, substitute } from "./params";
import { labSchema } from "./schema/lab-schema";

const learners = Array.from({ length: 20 }, (_, i) => `learner-${i}`);
const fullValidation = (lab: LoadedLab, user: string) =>
  labSchema.parse(substitute(lab.raw, drawParams(user, lab.id, lab.sample.params)));

describe.each(allLabs().map((l) => [l.id, l] as const))("lab %s", (_id, lab) => {
  it("gives every learner the definition a full validation with their values gives", () => {
    for (const user of learners) {
      const params = drawParams(user, lab.id, lab.sample.params);
      expect(definitionFor(lab, params)).toStrictEqual(fullValidation(lab, user));
    }
  });
});

/** A lab of one YAML text, as the catalog loads it. */
function labOf(id: string, text: string): LoadedLab {
  const raw = parse(text) as { params: Parameters<typeof drawParams>[2] };
  const sample = labSchema.parse(substitute(raw, drawParams("sample", id, raw.params)));
  return { id, file: `${id}.yaml`, courseId: "c", sessionId: "s", raw, sample };
}

const TWO_NAMES = (first: string, second: string) => `id: demo
title: 데모 {{a}}
goal: 목표
learningGoal: 0
estimatedMinutes: 5
params:
  a: { type: name, prefix: ${first} }
  b: { type: name, prefix: ${second} }
  n: { type: int, min: 2, max: 9 }
tasks:
  - id: one
    title: "{{a}} 와 {{b}}"
    instructions: "{{a}}/{{b}} 에 {{n}}개"
    solution:
      - run: kubectl create namespace {{a}}
    checks:
      - id: ns
        type: count
        description: "{{b}}"
        resource: pods
        namespace: "{{a}}"
        count: { equals: "{{n}}" }
`;

describe("definitionFor", () => {
  it("copies: a learner changing their definition changes no one else's", () => {
    const lab = allLabs()[0]!;
    const params = drawParams("learner-x", lab.id, lab.sample.params);
    const one = definitionFor(lab, params);
    one.tasks[0]!.title = "changed";
    expect(definitionFor(lab, params)).toStrictEqual(fullValidation(lab, "learner-x"));
  });

  it("keeps int values per learner and names wherever they appear", () => {
    const lab = labOf("demo", TWO_NAMES("left-", "right-"));
    for (const user of learners) {
      const params = drawParams(user, "demo", lab.sample.params);
      const def = definitionFor(lab, params);
      expect(def).toStrictEqual(fullValidation(lab, user));
      expect(def.tasks[0]!.instructions).toBe(`${params.a}/${params.b} 에 ${params.n}개`);
    }
  });

  it("validates per learner when one name's sentinel would hold another's", () => {
    // Sentinels x0000 and x00001000: overwriting the first would break the second.
    const lab = labOf("demo", TWO_NAMES("x", "x0000"));
    for (const user of learners.slice(0, 5)) {
      const params = drawParams(user, "demo", lab.sample.params);
      expect(definitionFor(lab, params)).toStrictEqual(fullValidation(lab, user));
    }
  });
});
