// The versions the simulator reports, in one place. The cluster runs the version
// kubeadm deploys (its kubeadm config's kubernetesVersion, v1.28.0 as in the course
// text): the API server's /version, the OpenAPI documents and the nodes' kubelets
// all say so. The terminal's kubectl is a later 1.28 patch release (v1.28.15, the
// same binary the conformance tests run), which is a supported client/server skew.

import { KUBERNETES_VERSION } from "./kubeadm/constants";

/** The cluster's Kubernetes version, e.g. "v1.28.0". */
export const CLUSTER_VERSION = KUBERNETES_VERSION;

/** version.Info of the kube-apiserver v1.28.0 release build (linux/amd64). */
export const SERVER_VERSION_INFO = {
  major: "1",
  minor: "28",
  gitVersion: CLUSTER_VERSION,
  gitCommit: "855e7c48de7388eb330da0f8d9d2394ee818fb8d",
  gitTreeState: "clean",
  buildDate: "2023-08-15T10:15:54Z",
  goVersion: "go1.20.7",
  compiler: "gc",
  platform: "linux/amd64",
} as const;

/** version.Info of the terminal's kubectl (the v1.28.15 release build, linux/amd64). */
export const KUBECTL_VERSION_INFO = {
  major: "1",
  minor: "28",
  gitVersion: "v1.28.15",
  gitCommit: "841856557ef0f6a399096c42635d114d6f2cf7f4",
  gitTreeState: "clean",
  buildDate: "2024-10-22T20:34:56Z",
  goVersion: "go1.22.8",
  compiler: "gc",
  platform: "linux/amd64",
} as const;

/** The User-Agent the terminal's kubectl sends (rest.DefaultKubernetesUserAgent). */
export const KUBECTL_USER_AGENT = `kubectl/${KUBECTL_VERSION_INFO.gitVersion} (${KUBECTL_VERSION_INFO.platform}) kubernetes/${KUBECTL_VERSION_INFO.gitCommit.slice(0, 7)}`;
