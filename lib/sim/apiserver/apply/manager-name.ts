// Which field manager a write is recorded under: the fieldManager parameter, or
// (as kube-apiserver does when it is empty) the client's User-Agent up to its
// first "/" - "kubectl", "kubelet", "kube-controller-manager". The simulated
// components send no User-Agent, so their user names stand in for it.

import type { UserInfo } from "../handler/types";

const MAX = 128;

export function managerName(
  fieldManager: string | null,
  userAgent: string | undefined,
  user: UserInfo | undefined,
): string {
  if (fieldManager) return fieldManager;
  if (userAgent) return userAgent.split("/")[0]!.slice(0, MAX);
  const name = user?.username ?? "";
  if (name.startsWith("system:node:")) return "kubelet";
  if (name === "system:kube-scheduler") return "kube-scheduler";
  if (
    name === "system:kube-controller-manager" ||
    name.startsWith("system:serviceaccount:kube-system:")
  )
    return "kube-controller-manager";
  // Go's HTTP client default User-Agent is what an unnamed client sends.
  return "Go-http-client";
}
