// Shared fixtures for validation tests: small valid objects to break one field at a time.
import type { KubeObject } from "../object";
import { aggregateFieldErrors, type FieldError } from "./field-error";

export function pod(spec: Record<string, unknown> = {}, name = "web"): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: { containers: [{ name: "app", image: "nginx:1.25" }], ...spec },
  };
}

export function deployment(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default" },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "app", image: "nginx" }] },
      },
      ...spec,
    },
  };
}

/** The message kubectl would print after `<Kind> "<name>" is invalid: `. */
export const text = (errs: FieldError[]) => aggregateFieldErrors(errs);
