import { describe, expect, it } from "vitest";
import { parseQuery } from "./request-options";

describe("parseQuery", () => {
  it("reads a query string or record", () => {
    expect(parseQuery("?watch=true&limit=5").get("limit")).toBe("5");
    expect(parseQuery({ fieldManager: "kubectl" }).get("fieldManager")).toBe("kubectl");
  });

  it("gives a request without a query one shared, read-only empty query", () => {
    const none = parseQuery(undefined);
    expect(parseQuery("")).toBe(none);
    expect([...none.keys()]).toEqual([]);
    expect(none.toString()).toBe("");
    expect(() => none.set("watch", "true")).toThrow(/read-only/);
    expect(() => none.append("watch", "true")).toThrow(/read-only/);
    expect(() => none.delete("watch")).toThrow(/read-only/);
    expect(parseQuery(undefined).has("watch")).toBe(false);
  });
});
