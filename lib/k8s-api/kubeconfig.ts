// The kubeconfig a learner downloads: the sandbox's API URL (a per-sandbox path on
// the HTTPS listener), the CA that signed the listener's certificate, and a fresh
// bearer token (shown only here; the database keeps its hash).

import YAML from "yaml";
import { K8S_MOUNT } from "./mount";

export interface KubeconfigInput {
  sandboxId: string;
  /** https://host:port of the Kubernetes API listener. */
  serverBase: string;
  caPem: string;
  token: string;
  username: string;
}

export function kubeconfigYaml(input: KubeconfigInput): string {
  const cluster = `kubelab-${input.sandboxId}`;
  const context = `${input.username}@${cluster}`;
  return YAML.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        cluster: {
          "certificate-authority-data": Buffer.from(input.caPem, "utf8").toString("base64"),
          server: `${input.serverBase.replace(/\/+$/, "")}${K8S_MOUNT}/${input.sandboxId}`,
        },
        name: cluster,
      },
    ],
    contexts: [{ context: { cluster, user: input.username }, name: context }],
    "current-context": context,
    preferences: {},
    users: [{ name: input.username, user: { token: input.token } }],
  });
}

/** The listener's public base URL: KUBELAB_K8S_PUBLIC_URL, else the request's host on KUBELAB_K8S_PORT. */
export function kubeApiBaseUrl(
  requestUrl: string,
  env: Record<string, string | undefined> = process.env,
): string {
  if (env.KUBELAB_K8S_PUBLIC_URL) return env.KUBELAB_K8S_PUBLIC_URL;
  const host = new URL(requestUrl).hostname;
  const port = env.KUBELAB_K8S_PORT ?? "6443";
  return `https://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
