import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../content/content-error";
import { allLabs } from "./catalog";
import { instantiateLab, validateLabFile } from "./load-labs";

const dir = mkdtempSync(path.join(tmpdir(), "labs-"));
function validate(id: string, text: string) {
  const file = path.join(dir, `${id}.yaml`);
  writeFileSync(file, text);
  const r = validateLabFile(file, `labs/${id}.yaml`, id);
  return r.ok ? [] : r.issues.map(formatIssue);
}

const MINIMAL = `id: demo
title: 데모
goal: 목표
learningGoal: 0
estimatedMinutes: 5
params:
  ns: { type: name, prefix: demo- }
tasks:
  - id: one
    title: 하나
    instructions: "{{ns}} 를 만드세요"
    solution:
      - run: kubectl create namespace {{ns}}
    checks:
      - id: ns
        type: object
        description: 네임스페이스
        resource: namespaces
        name: "{{ns}}"
`;

describe("lab files", () => {
  it("accept a valid lab", () => {
    expect(validate("demo", MINIMAL)).toEqual([]);
  });

  it("report file:line: field: message for schema errors", () => {
    const text = MINIMAL.replace(
      "        resource: namespaces\n",
      "        resource: namespaces\n        colour: red\n",
    ).replace("estimatedMinutes: 5", "estimatedMinutes: -1");
    expect(validate("demo", text)).toEqual([
      "labs/demo.yaml:5: estimatedMinutes: Too small: expected number to be >0",
      "labs/demo.yaml:19: tasks[0].checks[0].colour: unknown field",
    ]);
  });

  it("report a file name that differs from the id and undeclared placeholders", () => {
    expect(validate("other", MINIMAL)).toEqual([
      'labs/other.yaml:1: id: must equal the file name "other"',
    ]);
    expect(validate("demo", MINIMAL.replace('name: "{{ns}}"', 'name: "{{nss}}"'))).toEqual([
      "labs/demo.yaml:1: params: {{nss}} is used but not declared",
    ]);
  });

  it("report a check without a matcher operator and a bad check type", () => {
    const issues = validate(
      "demo",
      MINIMAL.replace(
        '        name: "{{ns}}"\n',
        '        name: "{{ns}}"\n        fields:\n          - path: a\n',
      ),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(
      /^labs\/demo\.yaml:21: tasks\[0\]\.checks\[0\]\.fields\[0\]: exactly one of equals/,
    );
    expect(validate("demo", MINIMAL.replace("type: object", "type: telepathy"))[0]).toMatch(
      /^labs\/demo\.yaml:\d+: tasks\[0\]\.checks\[0\]\.type: /,
    );
  });

  it(
    "the course's labs include the ones the lesson links to, each filled per learner",
    { timeout: 30_000 },
    () => {
      const ids = allLabs().map((l) => l.id);
      for (const id of ["cluster-anatomy", "ha-design", "pod-journey", "etcd-raft"])
        expect(ids).toContain(id);
      expect(ids).toHaveLength(8);
      for (const lab of allLabs()) {
        const { def } = instantiateLab(lab, "someone");
        expect(JSON.stringify(def)).not.toMatch(/\{\{/);
      }
    },
  );
});
