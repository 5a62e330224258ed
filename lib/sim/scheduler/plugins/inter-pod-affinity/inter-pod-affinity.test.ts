import { describe, expect, it } from "vitest";
import type { PodAffinityTerm, PodSpec } from "../../api-types";
import { Code } from "../../framework/status";
import {
  filterAll,
  filterReasons,
  makeNode,
  makePod,
  scoreAll,
  snapshotOf,
} from "../../testing/fixtures";
import { InterPodAffinity } from "./inter-pod-affinity";

const ZONE = "topology.kubernetes.io/zone";
const HOST = "kubernetes.io/hostname";
const AFFINITY = "node(s) didn't match pod affinity rules";
const ANTI = "node(s) didn't match pod anti-affinity rules";
const EXISTING = "node(s) didn't satisfy existing pods anti-affinity rules";

const term = (
  app: string,
  topologyKey: string,
  extra: Partial<PodAffinityTerm> = {},
): PodAffinityTerm => ({
  labelSelector: { matchLabels: { app } },
  topologyKey,
  ...extra,
});

const nodes = [
  makeNode("n1", { labels: { [ZONE]: "a" } }),
  makeNode("n2", { labels: { [ZONE]: "a" } }),
  makeNode("n3", { labels: { [ZONE]: "b" } }),
];
const db = makePod("db", { nodeName: "n1", labels: { app: "db" } });
const cache = makePod("cache", {
  nodeName: "n3",
  labels: { app: "cache" },
  spec: {
    affinity: {
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("web", HOST)] },
    },
  },
});
const snapshot = snapshotOf(nodes, [db, cache]);

const withAffinity = (
  affinity: PodSpec["affinity"],
  labels: Record<string, string> = { app: "client" },
) => makePod("incoming", { labels, spec: { affinity } });

describe("InterPodAffinity filter", () => {
  it("required affinity: only domains holding a matching pod, unresolvably elsewhere", () => {
    const pod = withAffinity({
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("db", ZONE)] },
    });
    const verdicts = filterAll(new InterPodAffinity(), pod, snapshot);
    expect(verdicts.get("n1")).toBeNull();
    expect(verdicts.get("n2")).toBeNull();
    expect(verdicts.get("n3")!.code).toBe(Code.UnschedulableAndUnresolvable);
    expect(verdicts.get("n3")!.message()).toBe(AFFINITY);

    const sameHost = withAffinity({
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("db", HOST)] },
    });
    expect(filterReasons(new InterPodAffinity(), sameHost, snapshot)).toEqual({
      n1: "",
      n2: AFFINITY,
      n3: AFFINITY,
    });
  });

  it("required anti-affinity: keeps away from matching pods' domains (resolvable by preemption)", () => {
    const pod = withAffinity({
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("db", ZONE)] },
    });
    const verdicts = filterAll(new InterPodAffinity(), pod, snapshot);
    expect(verdicts.get("n1")!.code).toBe(Code.Unschedulable);
    expect(filterReasons(new InterPodAffinity(), pod, snapshot)).toEqual({
      n1: ANTI,
      n2: ANTI,
      n3: "",
    });
  });

  it("honours the anti-affinity of pods already running (symmetry)", () => {
    const web = makePod("web", { labels: { app: "web" } });
    expect(filterReasons(new InterPodAffinity(), web, snapshot)).toEqual({
      n1: "",
      n2: "",
      n3: EXISTING,
    });
  });

  it("lets the first pod of a self-affine group start anywhere with the topology key", () => {
    const first = withAffinity(
      { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("web", ZONE)] } },
      { app: "web" },
    );
    // n3 is rejected only by cache's anti-affinity towards app=web.
    expect(filterReasons(new InterPodAffinity(), first, snapshot)).toEqual({
      n1: "",
      n2: "",
      n3: EXISTING,
    });

    const notSelf = withAffinity({
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("web", ZONE)] },
    });
    expect(Object.values(filterReasons(new InterPodAffinity(), notSelf, snapshot))).toEqual([
      AFFINITY,
      AFFINITY,
      AFFINITY,
    ]);
  });

  it("matches only the pod's own namespace unless the term names others", () => {
    const other = makePod("incoming", {
      namespace: "team-b",
      spec: {
        affinity: {
          podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("db", ZONE)] },
        },
      },
    });
    expect(Object.values(filterReasons(new InterPodAffinity(), other, snapshot))).toEqual([
      AFFINITY,
      AFFINITY,
      AFFINITY,
    ]);

    const named = makePod("incoming", {
      namespace: "team-b",
      spec: {
        affinity: {
          podAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              term("db", ZONE, { namespaces: ["default"] }),
            ],
          },
        },
      },
    });
    expect(filterReasons(new InterPodAffinity(), named, snapshot)).toEqual({
      n1: "",
      n2: "",
      n3: AFFINITY,
    });
  });
});

describe("InterPodAffinity score", () => {
  it("adds preferred affinity weights per topology domain and min-max scales them", () => {
    const pod = withAffinity({
      podAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 10, podAffinityTerm: term("db", ZONE) },
        ],
      },
    });
    const scores = scoreAll(new InterPodAffinity(), pod, snapshot)!;
    expect(scores.raw).toEqual({ n1: 10, n2: 10, n3: 0 });
    expect(scores.normalized).toEqual({ n1: 100, n2: 100, n3: 0 });
  });

  it("subtracts preferred anti-affinity weights", () => {
    const pod = withAffinity({
      podAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 4, podAffinityTerm: term("db", ZONE) },
        ],
      },
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 6, podAffinityTerm: term("db", HOST) },
        ],
      },
    });
    const scores = scoreAll(new InterPodAffinity(), pod, snapshot)!;
    expect(scores.raw).toEqual({ n1: -2, n2: 4, n3: 0 });
    // min −2, max 4: (s − min) / 6 × 100
    expect(scores.normalized).toEqual({ n1: 0, n2: 100, n3: 33 });
  });

  it("counts existing pods' required affinity towards the incoming pod with weight 1", () => {
    const follower = makePod("follower", {
      nodeName: "n2",
      spec: {
        affinity: {
          podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("web", HOST)] },
        },
      },
    });
    const s = snapshotOf(nodes, [follower]);
    const scores = scoreAll(new InterPodAffinity(), makePod("web", { labels: { app: "web" } }), s)!;
    expect(scores.raw).toEqual({ n1: 0, n2: 1, n3: 0 });
    expect(scores.normalized).toEqual({ n1: 0, n2: 100, n3: 0 });
  });

  it("skips scoring when no term anywhere applies", () => {
    expect(scoreAll(new InterPodAffinity(), makePod("plain"), snapshotOf(nodes, [db]))).toBeNull();
  });
});
