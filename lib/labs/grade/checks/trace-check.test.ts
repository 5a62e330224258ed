import { describe, expect, it } from "vitest";
import type { RequestTrace } from "@/lib/sim";
import { check, fixtureInput } from "../testing/fixture";
import { gradeTrace } from "./trace-check";

const trace = (
  verb: string,
  uri: string,
  code: number,
  steps: [string, string, string][],
): RequestTrace => ({
  auditID: `${verb}-${uri}`,
  verb,
  requestURI: uri,
  code,
  entries: steps.map(
    ([from, to, action]) =>
      ({ at: 0, from, to, action, ok: true }) as RequestTrace["entries"][number],
  ),
});

const created = trace("create", "/api/v1/namespaces/a/pods", 201, [
  ["client", "kube-apiserver", "POST"],
  ["kube-apiserver", "authn", "authenticate"],
  ["kube-apiserver", "etcd", "txn"],
]);
const bound = trace("create", "/api/v1/namespaces/a/pods/p/binding", 201, [
  ["kube-apiserver", "scheduler", "watch-event"],
  ["scheduler", "scheduler", "schedule"],
]);

const podJourney = check("trace", {
  requests: [
    {
      verb: "create",
      uri: "^/api/v1/namespaces/a/pods$",
      code: 201,
      steps: [{ to: "authn" }, { to: "etcd" }],
    },
    { verb: "create", uri: "/binding$", steps: [{ from: "scheduler", action: "schedule" }] },
  ],
});

describe("trace check", () => {
  const state = fixtureInput().state;

  it("passes when the requests were recorded in order with their steps", () => {
    const v = gradeTrace(podJourney, { state, traces: [created, bound] });
    expect(v.score).toBe(1);
    expect(v.actual).toEqual([
      "create /api/v1/namespaces/a/pods 201",
      "create /api/v1/namespaces/a/pods/p/binding 201",
    ]);
    expect(v.feedback[0]).toBe(
      "요청 기록 create ^/api/v1/namespaces/a/pods$ (201) [*→authn, *→etcd]: create /api/v1/namespaces/a/pods (통과)",
    );
  });

  it("fails a request recorded out of order or without its steps", () => {
    const wrongOrder = gradeTrace(podJourney, { state, traces: [bound, created] });
    expect(wrongOrder.score).toBe(0.5);
    expect(wrongOrder.feedback[1]).toBe(
      "요청 기록 create /binding$ [scheduler→*:schedule]: 기대값 (기록 있음), 현재 (없음)",
    );
    const noEtcd = trace("create", "/api/v1/namespaces/a/pods", 201, [
      ["kube-apiserver", "authn", "x"],
    ]);
    expect(gradeTrace(podJourney, { state, traces: [noEtcd, bound] }).score).toBe(0.5);
  });

  it("matches the path without the query string the client added", () => {
    const withQuery = {
      ...created,
      requestURI: `${created.requestURI}?fieldManager=kubectl-create`,
    };
    expect(gradeTrace(podJourney, { state, traces: [withQuery, bound] }).score).toBe(1);
  });

  it("matches the status code (a rejected request is not a created one)", () => {
    const rejected = { ...created, code: 403 };
    const v = gradeTrace(podJourney, { state, traces: [rejected, bound] });
    expect(v.actual).toEqual([null, "create /api/v1/namespaces/a/pods/p/binding 201"]);
  });
});
