import { describe, expect, it } from "vitest";
import { eventListJson } from "./event-json";

describe("eventListJson", () => {
  it("writes Go's struct order for the list, events and their parts, and keeps unknown keys", () => {
    const text = eventListJson({
      metadata: {},
      items: [
        {
          type: "Normal",
          reason: "Scheduled",
          metadata: { uid: "u", name: "p.1", creationTimestamp: "t", zzz: { b: 1, a: 2 } },
          involvedObject: { uid: "x", kind: "Pod", name: "p" },
          kind: "Event",
          apiVersion: "v1",
          message: "<assigned>",
        },
      ],
      kind: "EventList",
      apiVersion: "v1",
    });
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(["kind", "apiVersion", "metadata", "items"]);
    const e = parsed.items[0];
    expect(Object.keys(e)).toEqual([
      "kind",
      "apiVersion",
      "metadata",
      "involvedObject",
      "reason",
      "message",
      "type",
    ]);
    expect(Object.keys(e.metadata)).toEqual(["name", "uid", "creationTimestamp", "zzz"]);
    expect(Object.keys(e.metadata.zzz)).toEqual(["a", "b"]);
    expect(Object.keys(e.involvedObject)).toEqual(["kind", "name", "uid"]);
    expect(text).toContain('"\\u003cassigned\\u003e"');
    expect(text).toContain('\n    "items": [');
  });
});
