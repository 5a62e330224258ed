import { describe, expect, it } from "vitest";
import { allLabs } from "./catalog";
import { instructionsTree, parseInstructions } from "./instructions-markdown";
import { instantiateLab } from "./load-labs";
import { learnerNames } from "./server/public-view";

const USERS = [
  "learner-a",
  "learner-b",
  "cm3x9k2l50000abcd",
  "7f3e1c2a-0b9d-4e55-8a61-2c4d5e6f7a8b",
];

describe("instructionsTree", () => {
  it("equals a direct parse of every task of every lab, for several learners", () => {
    let compared = 0;
    for (const lab of allLabs()) {
      for (const user of USERS) {
        const names = learnerNames(user, lab.id);
        for (const task of instantiateLab(lab, user).def.tasks) {
          expect(instructionsTree(task.instructions, names)).toEqual(
            parseInstructions(task.instructions),
          );
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  }, 60_000);

  it("parses a text once for learners whose names differ", () => {
    const text = (ns: string) =>
      `네임스페이스 \`${ns}\`를 만들고 [문서](https://k8s.io/${ns}) 를 보세요.\n\n- ${ns} 안에 ConfigMap`;
    const a = instructionsTree(text("team-abcd"), ["team-abcd"]);
    const b = instructionsTree(text("team-wxyz"), ["team-wxyz"]);
    expect(a).toEqual(parseInstructions(text("team-abcd")));
    expect(b).toEqual(parseInstructions(text("team-wxyz")));
    // Copies of one parsed tree: the nodes' positions are the kept tree's own objects.
    expect(a.children[0]!.position).toBe(b.children[0]!.position);
  });

  it("parses a text without names once", () => {
    const text = "`kubectl get pods -n kube-system -o wide` 로 확인하세요.";
    const a = instructionsTree(text, ["team-abcd"]);
    const b = instructionsTree(text, []);
    expect(a).toEqual(parseInstructions(text));
    expect(a.children[0]!.position).toBe(b.children[0]!.position);
  });

  it("parses per view a text that already holds the sentinel, or whose name Markdown does not keep as written", () => {
    // team-llll is the first name's sentinel: the text could not tell it from a name.
    const held = (ns: string) => `\`${ns}\` 와 \`team-llll\``;
    // An autolink writes the name twice (href and text): the counts differ.
    const linked = (ns: string) => `주소 <https://k8s.io/${ns}> 끝`;
    for (const text of [held, linked]) {
      const a = instructionsTree(text("team-abcd"), ["team-abcd"]);
      const b = instructionsTree(text("team-efgh"), ["team-efgh"]);
      expect(a).toEqual(parseInstructions(text("team-abcd")));
      expect(b).toEqual(parseInstructions(text("team-efgh")));
      expect(a.children[0]!.position).not.toBe(b.children[0]!.position);
    }
  });
});
