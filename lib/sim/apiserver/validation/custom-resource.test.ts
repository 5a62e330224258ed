import { describe, expect, it } from "vitest";
import { newInvalid } from "../errors";
import type { KubeObject } from "../object";
import { builtinRegistry } from "../resources/registry";
import { findUnknownFields, validateCreate } from "./index";
import { text } from "./test-helpers";

const crd: KubeObject = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "crontabs.stable.example.com" },
  spec: {
    group: "stable.example.com",
    scope: "Namespaced",
    names: { plural: "crontabs", singular: "crontab", kind: "CronTab" },
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: {
                type: "object",
                required: ["cronSpec"],
                properties: {
                  cronSpec: {
                    type: "string",
                    pattern: "^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$",
                  },
                  image: { type: "string", maxLength: 20 },
                  replicas: { type: "integer", minimum: 1, maximum: 10 },
                  mode: { type: "string", enum: ["Fast", "Slow"] },
                  port: { "x-kubernetes-int-or-string": true },
                  config: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
                  tags: { type: "array", maxItems: 2, items: { type: "string" } },
                },
              },
              status: { type: "object", additionalProperties: { type: "string" } },
            },
          },
        },
      },
    ],
  },
};

const info = builtinRegistry
  .withCustomResources([crd])
  .byApiVersionKind("stable.example.com/v1", "CronTab")!;
const tab = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: "stable.example.com/v1",
  kind: "CronTab",
  metadata: { name: "my-tab", namespace: "default" },
  spec: { cronSpec: "* * * * */5", ...spec },
  ...extra,
});

describe("custom resources against their CRD schema", () => {
  it("accepts a valid object", () => {
    expect(
      validateCreate(
        tab({ replicas: 3, mode: "Fast", port: "http", config: { any: { thing: 1 } } }),
        info,
      ),
    ).toEqual([]);
  });

  it("reports type errors with go-openapi's wording", () => {
    const errs = validateCreate(tab({ replicas: "three" }), info);
    expect(newInvalid({ group: info.group, kind: info.kind }, "my-tab", errs).message).toBe(
      'CronTab.stable.example.com "my-tab" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    );
  });

  it("checks required, enum, bounds, lengths, patterns and item counts", () => {
    expect(text(validateCreate(tab({ cronSpec: undefined }), info))).toBe(
      "spec.cronSpec: Required value",
    );
    expect(text(validateCreate(tab({ mode: "Medium" }), info))).toBe(
      'spec.mode: Unsupported value: "Medium": supported values: "Fast", "Slow"',
    );
    expect(text(validateCreate(tab({ replicas: 0 }), info))).toBe(
      "spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1",
    );
    expect(text(validateCreate(tab({ replicas: 11 }), info))).toBe(
      "spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10",
    );
    expect(text(validateCreate(tab({ image: "x".repeat(21) }), info))).toBe(
      "spec.image: Too long: may not be longer than 20",
    );
    expect(text(validateCreate(tab({ cronSpec: "every minute" }), info))).toMatch(
      /^spec\.cronSpec: Invalid value: "every minute": spec\.cronSpec in body should match/,
    );
    expect(text(validateCreate(tab({ tags: ["a", "b", "c"] }), info))).toBe(
      "spec.tags: Too many: 3: must have at most 2 items",
    );
    expect(text(validateCreate(tab({ port: 1.5 }), info))).toMatch(
      /^spec\.port: Invalid value: "number"/,
    );
  });

  it("lists the fields pruning would drop, except under preserve-unknown-fields", () => {
    const obj = tab(
      { colour: "red", config: { free: true } },
      { extra: 1, status: { phase: "ok" } },
    );
    expect(findUnknownFields(obj, info)).toEqual(["spec.colour", "extra"]);
    const badMeta = {
      ...tab({}),
      metadata: { name: "t", namespace: "default", lables: { a: "b" } },
    };
    expect(findUnknownFields(badMeta, info)).toEqual(["metadata.lables"]);
  });
});
