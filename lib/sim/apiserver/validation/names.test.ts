import { describe, expect, it } from "vitest";
import {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
} from "./names";

describe("name rules (apimachinery util/validation)", () => {
  it("DNS-1123 subdomain with the exact upstream message", () => {
    expect(isDNS1123Subdomain("my-app.example")).toEqual([]);
    expect(isDNS1123Subdomain("My_App")).toEqual([
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
    expect(isDNS1123Subdomain("a".repeat(254))).toEqual(["must be no more than 253 characters"]);
  });

  it("DNS-1123 label lists its two examples with Go's double space", () => {
    expect(isDNS1123Label("web-1")).toEqual([]);
    expect(isDNS1123Label("a.b")).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(isDNS1123Label("x".repeat(64))).toHaveLength(1);
  });

  it("DNS-1035 label must start with a letter", () => {
    expect(isDNS1035Label("svc")).toEqual([]);
    expect(isDNS1035Label("1svc")[0]).toMatch(/^a DNS-1035 label must consist of/);
  });

  it("qualified names with prefix", () => {
    expect(isQualifiedName("app.kubernetes.io/name")).toEqual([]);
    expect(isQualifiedName("/name")).toEqual(["prefix part must be non-empty"]);
    expect(isQualifiedName("a/b/c")[0]).toMatch(/^a qualified name must consist of/);
    expect(isQualifiedName("Bad_Prefix/x")[0]).toMatch(
      /^prefix part a lowercase RFC 1123 subdomain/,
    );
    expect(isQualifiedName("x/")).toEqual([
      "name part must be non-empty",
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });

  it("label values may be empty", () => {
    expect(isValidLabelValue("")).toEqual([]);
    expect(isValidLabelValue("v1.0_x")).toEqual([]);
    expect(isValidLabelValue("-bad")).toHaveLength(1);
  });

  it("config keys and port names", () => {
    expect(isConfigMapKey("app.properties")).toEqual([]);
    expect(isConfigMapKey("..")).toEqual(["must not be '..'"]);
    expect(isConfigMapKey("a b")[0]).toMatch(/^a valid config key must consist/);
    expect(isValidPortName("http")).toEqual([]);
    expect(isValidPortName("http--web")).toEqual(["must not contain consecutive hyphens"]);
    expect(isValidPortName("8080")).toEqual(["must contain at least one letter (a-z)"]);
  });
});

describe("remembered valid keys and values", () => {
  it("answer a repeat like the first check, and never let an invalid one through", () => {
    expect(isQualifiedName("app.kubernetes.io/name")).toEqual([]);
    expect(isQualifiedName("app.kubernetes.io/name")).toEqual([]);
    // Invalid ones are not remembered: the same problems each time, however often asked.
    const bad = isQualifiedName("-app");
    expect(bad).toHaveLength(1);
    expect(isQualifiedName("-app")).toEqual(bad);
    expect(isValidLabelValue("7c5ddbdf54")).toEqual([]);
    expect(isValidLabelValue("7c5ddbdf54")).toEqual([]);
    expect(isValidLabelValue("bad value")).toHaveLength(1);
    expect(isValidLabelValue("bad value")).toHaveLength(1);
    expect(isValidLabelValue("x".repeat(64))).toHaveLength(1);
  });
});
