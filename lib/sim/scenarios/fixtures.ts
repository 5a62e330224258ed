// Shared inputs of the scenario tests: a fixed creation time and small manifests.

export const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

export function podManifest(name: string, image = "nginx", extra: Record<string, unknown> = {}) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels: { app: name } },
    spec: { containers: [{ name: name.split("-")[0], image, ...extra }] },
  };
}

export function deploymentManifest(name: string, replicas: number, image = "nginx:1.25") {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image }] },
      },
    },
  };
}
