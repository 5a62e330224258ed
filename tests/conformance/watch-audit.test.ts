// A watch's audit trail as kube-apiserver writes it: ResponseStarted when the
// stream opens, ResponseComplete under the same auditID when it ends - whether
// the server ends it (timeoutSeconds) or the client goes away.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAuditLog } from "@/lib/db/sandboxes";
import type { AuditEvent } from "@/lib/sim";
import { kubectlBinaries, startLab, type Lab } from "./harness";

const binaries = kubectlBinaries();
if (binaries.length === 0) console.warn("conformance: no kubectl binary found on PATH; skipping");

async function watchEvents(lab: Lab, uri: RegExp): Promise<AuditEvent[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const all = (await readAuditLog(lab.sandboxId, { limit: 100_000 })).map((r) => r.event);
    const mine = all.filter((e) => e.verb === "watch" && uri.test(e.requestURI));
    if (mine.some((e) => e.stage === "ResponseComplete") || Date.now() > deadline) return mine;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(binaries.length === 0)("real kubectl: the end of a watch is audited", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => {
    await lab?.close();
  });

  it("timeoutSeconds: the server closes the stream and logs ResponseComplete", async () => {
    const r = await lab.kubectl(
      ["get", "--raw", "/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1"],
      { timeoutMs: 20_000 },
    );
    expect(r.code).toBe(0);
    const events = await watchEvents(lab, /\/configmaps\?.*timeoutSeconds=1/);
    expect(events.map((e) => e.stage)).toEqual(["ResponseStarted", "ResponseComplete"]);
    const [started, complete] = events as [AuditEvent, AuditEvent];
    expect(complete).toEqual({
      ...started,
      stage: "ResponseComplete",
      stageTimestamp: complete.stageTimestamp,
    });
    expect(Date.parse(complete.stageTimestamp)).toBeGreaterThanOrEqual(
      Date.parse(started.stageTimestamp),
    );
  });

  it("the client leaving (kubectl get -w killed) also completes the watch's audit", async () => {
    const r = await lab.kubectl(["get", "secrets", "-w"], { timeoutMs: 3_000 });
    expect(r.code).not.toBe(0); // killed by the harness' timeout
    const events = await watchEvents(lab, /\/secrets\?.*watch=true/);
    expect(events.map((e) => e.stage)).toEqual(["ResponseStarted", "ResponseComplete"]);
    expect(events[1]!.auditID).toBe(events[0]!.auditID);
  });
});
