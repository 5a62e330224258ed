// Where the per-sandbox API lives: /api/k8s/<sandbox>/… on both the Next.js app
// and the HTTPS listener, so one kubeconfig `server:` URL shape serves both.

export const K8S_MOUNT = "/api/k8s";
const SANDBOX_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface MountedPath {
  sandboxId: string;
  /** Path below the sandbox prefix, "/" at least. */
  path: string;
  prefix: string;
}

export function splitMountedPath(pathname: string): MountedPath | undefined {
  if (!pathname.startsWith(`${K8S_MOUNT}/`)) return undefined;
  const rest = pathname.slice(K8S_MOUNT.length + 1);
  const slash = rest.indexOf("/");
  const sandboxId = decodeURIComponent(slash < 0 ? rest : rest.slice(0, slash));
  if (!SANDBOX_ID.test(sandboxId)) return undefined;
  return {
    sandboxId,
    path: slash < 0 ? "/" : rest.slice(slash),
    prefix: `${K8S_MOUNT}/${sandboxId}`,
  };
}
