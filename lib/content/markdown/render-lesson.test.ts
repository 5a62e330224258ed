import type { Element, Root } from "hast";
import { toString } from "hast-util-to-string";
import { visit } from "unist-util-visit";
import { beforeAll, describe, expect, it } from "vitest";
import { getSession } from "../catalog";
import { BLOCK_TAG } from "./code-blocks";
import { renderLesson, type RenderedLesson } from "./render-lesson";
import { SECTION_END_TAG } from "./sections";

function find(tree: Root | Element, test: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  visit(tree, "element", (e: Element) => {
    if (test(e)) out.push(e);
  });
  return out;
}

let lesson: RenderedLesson;
beforeAll(async () => {
  lesson = await renderLesson(getSession("kubernetes", "architecture")!);
}, 30_000);

describe("renderLesson", () => {
  it("anchors timed sections by their stable id and wraps each in a labelled section", () => {
    const sections = find(lesson.tree, (e) => e.tagName === "section");
    const ids = sections.map((s) => s.properties.dataSection);
    expect(ids).toEqual(
      expect.arrayContaining([
        "goals",
        "cluster-architecture",
        "communication",
        "etcd-state",
        "examples",
        "discussion",
      ]),
    );
    const architecture = sections.find((s) => s.properties.dataSection === "cluster-architecture")!;
    const h2 = architecture.children[0] as Element;
    expect(h2.tagName).toBe("h2");
    expect(h2.properties.id).toBe("cluster-architecture");
    // The section holds its sub-headings, and ends with the read marker.
    expect(find(architecture, (e) => e.tagName === "h3").map((e) => toString(e))).toEqual([
      "전체 클러스터 구조",
      "컨트롤 플레인 컴포넌트 상세 분석",
      "워커 노드 컴포넌트 분석",
    ]);
    expect(architecture.children.at(-1)).toMatchObject({ tagName: SECTION_END_TAG });
  });

  it("puts no read marker in untimed sections", () => {
    const markers = find(lesson.tree, (e) => e.tagName === SECTION_END_TAG);
    expect(markers.map((m) => m.properties.dataSection)).toEqual([
      "goals",
      "cluster-architecture",
      "communication",
      "etcd-state",
      "examples",
      "discussion",
    ]);
  });

  it("highlights YAML and bash on the server, keeps tree drawings plain", () => {
    const placeholders = find(lesson.tree, (e) => e.tagName === BLOCK_TAG);
    expect(placeholders).toHaveLength(lesson.blocks.length);
    const yamlIndex = lesson.blocks.findIndex((b) => b.kind === "code" && b.lang === "yaml");
    const yamlPre = placeholders[yamlIndex]!.children[0] as Element;
    // shiki writes `class` as a string property
    expect(String(yamlPre.properties.class ?? yamlPre.properties.className)).toMatch(/\bshiki\b/);
    expect(
      find(
        yamlPre,
        (e) => e.tagName === "span" && String(e.properties.style).includes("--shiki-dark"),
      ).length,
    ).toBeGreaterThan(10);
    const trees = lesson.blocks.filter((b) => b.kind === "code" && b.isTree);
    expect(trees.map((b) => b.kind === "code" && b.title)).toEqual([
      "Kubernetes 컨트롤 플레인 구성:",
      "워커 노드 구성 요소:",
      "Kubernetes 보안 통신:",
      "etcd 클러스터 구성:",
      "클러스터 상태 관리:",
    ]);
  });

  it("gives every kubectl/etcdctl command of the examples a terminal action", () => {
    const commands = lesson.blocks.flatMap((b) =>
      b.kind === "code" ? b.terminal.map((t) => t.text) : [],
    );
    expect(commands).toEqual([
      "kubectl get nodes -o wide",
      "kubectl get pods -n kube-system",
      expect.stringMatching(
        /^kubectl exec -n kube-system etcd-master1 -- etcdctl --endpoints=.* endpoint health$/,
      ),
      "kubectl get --raw='/healthz'",
      "kubectl get endpoints kube-scheduler -n kube-system -o yaml",
      "etcdctl watch --prefix /registry/pods/",
    ]);
    const editors = lesson.blocks.filter((b) => b.kind === "code" && b.editor);
    expect(editors).toHaveLength(1);
  });

  it("labels both diagrams by the heading they illustrate", () => {
    expect(
      lesson.blocks.filter((b) => b.kind === "mermaid").map((b) => b.kind === "mermaid" && b.label),
    ).toEqual(["전체 클러스터 구조 다이어그램", "API 서버 중심 통신 아키텍처 다이어그램"]);
  });

  it("links every keyword to where it is explained, with its definition", () => {
    const terms = find(
      lesson.tree,
      (e) => (e.properties.className as string[] | undefined)?.includes("glossary-term") ?? false,
    );
    expect(terms.map((t) => toString(t))).toEqual(lesson.glossary.map((g) => g.term));
    const etcd = terms.find((t) => toString(t) === "etcd")!;
    expect(etcd.properties.href).toBe("#etcd-아키텍처-및-데이터-모델");
    expect(etcd.properties.ariaDescribedBy).toEqual([
      lesson.glossary.find((g) => g.term === "etcd")!.definitionId,
    ]);
    expect(String(etcd.properties.dataDefinition)).toContain("분산 키-값 저장소");
  });
});
