import { describe, expect, it } from "vitest";
import type { AuditEvent } from "./apiserver/audit/event";
import { appendJournal, JOURNAL_LIMIT, type RequestTrace, type SandboxJournal } from "./state";

const event = (n: number) => ({ auditID: `a${n}` }) as AuditEvent;
const trace = (n: number) => ({ auditID: `t${n}` }) as RequestTrace;

describe("sandbox journal", () => {
  it("keeps the newest JOURNAL_LIMIT audit events and traces, oldest first", () => {
    let j: SandboxJournal = { audit: [], traces: [] };
    for (let i = 0; i < JOURNAL_LIMIT + 7; i++) j = appendJournal(j, [event(i)], trace(i));
    expect(j.audit.map((e) => e.auditID)).toEqual(
      Array.from({ length: JOURNAL_LIMIT }, (_, k) => `a${k + 7}`),
    );
    expect(j.traces.map((t) => t.auditID)).toEqual(
      Array.from({ length: JOURNAL_LIMIT }, (_, k) => `t${k + 7}`),
    );
  });

  it("appends several events at once, even more than the limit, and leaves the old journal alone", () => {
    const old: SandboxJournal = { audit: [event(0), event(1)], traces: [trace(0)] };
    const more = Array.from({ length: JOURNAL_LIMIT + 3 }, (_, i) => event(i + 2));
    const j = appendJournal(old, more);
    expect(j.audit.map((e) => e.auditID)).toEqual(more.slice(3).map((e) => e.auditID));
    expect(j.traces).toBe(old.traces);
    expect(old.audit.map((e) => e.auditID)).toEqual(["a0", "a1"]);
    const two = appendJournal(old, [event(9), event(10)]);
    expect(two.audit.map((e) => e.auditID)).toEqual(["a0", "a1", "a9", "a10"]);
    expect(appendJournal(old, []).audit).toBe(old.audit);
  });
});
