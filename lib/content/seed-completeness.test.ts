import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LessonPage } from "@/components/lesson/lesson-page";
import { getCourse, getSession } from "./catalog";
import { parseMarkdown } from "./lesson-outline";
import { renderLesson } from "./markdown/render-lesson";
import { missingFromPage } from "./seed-completeness";

// The recovered seed lives beside the repository on the project's machines.
const seedPath = path.resolve(
  process.cwd(),
  "../shared/seed/kubernetes-architecture-session2.ko.md",
);

async function servedHtml(): Promise<{ body: string; html: string }> {
  const course = getCourse("kubernetes")!;
  const session = getSession("kubernetes", "architecture")!;
  const lesson = await renderLesson(session);
  const html = renderToStaticMarkup(
    createElement(LessonPage, { course, session, lesson, signedIn: false, initialRead: [] }),
  );
  return { body: session.body, html };
}

describe("lesson completeness", () => {
  it.skipIf(!existsSync(seedPath))("the lesson body is the recovered seed, byte for byte", () => {
    const session = getSession("kubernetes", "architecture")!;
    expect(session.body).toBe(readFileSync(seedPath, "utf8"));
  });

  it("serves every heading, code block, diagram, paragraph and link of the lesson", async () => {
    const { body, html } = await servedHtml();
    const tree = parseMarkdown(body);
    const kinds = tree.children.filter((n) => n.type === "code").map((n) => n.lang ?? "tree");
    // 2 diagrams, 5 tree drawings, the kubeadm YAML and 2 shell examples.
    expect(kinds.filter((k) => k === "mermaid")).toHaveLength(2);
    expect(kinds.filter((k) => k === "tree")).toHaveLength(5);
    expect(kinds).toHaveLength(10);
    expect(missingFromPage(body, html)).toEqual([]);
  }, 30_000);

  it("notices a missing code block, heading or changed line", async () => {
    const { body, html } = await servedHtml();
    const withoutTrace = html.replace(
      /<pre(?:(?!<\/pre>).)*journalctl(?:(?!<\/pre>).)*<\/pre>/s,
      "",
    );
    expect(withoutTrace.length).toBeLessThan(html.length);
    expect(missingFromPage(body, withoutTrace)).toEqual([
      "code block: # API 요청 추적 (개념 예시)",
    ]);
    const withoutDiagram = html.replace("participant kubectl as kubectl", "participant kubectl");
    expect(missingFromPage(body, withoutDiagram)).toEqual(["diagram: sequenceDiagram"]);
    const withoutHeading = html.replace(/(<h3[^>]*>)토론 주제</, "$1토론<");
    expect(withoutHeading).not.toBe(html);
    expect(missingFromPage(body, withoutHeading)).toContain("heading: 토론 주제");
    const paraphrased = html.replace("고가용성과 확장성을 보장하기 위해", "확장성을 위해");
    expect(missingFromPage(body, paraphrased)).toHaveLength(1);
  }, 30_000);
});
