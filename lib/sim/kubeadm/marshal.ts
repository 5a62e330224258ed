// The internal ClusterConfiguration written back as kubeadm.k8s.io/v1beta3 (what `kubeadm
// init` uploads to the kubeadm-config ConfigMap), with Go's omitempty rules.
import type { Arg, ClusterConfiguration, ControlPlaneComponent, HostPathMount } from "./types";

type Obj = Record<string, unknown>;

function argsMap(args: readonly Arg[]): Record<string, string> {
  const m: Record<string, string> = {};
  for (const a of args) m[a.name] = a.value;
  return m;
}

function volumes(v: readonly HostPathMount[]): Obj[] {
  return v.map((x) => {
    const o: Obj = { hostPath: x.hostPath, mountPath: x.mountPath, name: x.name };
    if (x.pathType) o.pathType = x.pathType;
    if (x.readOnly) o.readOnly = true;
    return o;
  });
}

function component(c: ControlPlaneComponent, extra: Obj = {}): Obj {
  const o: Obj = { ...extra };
  if (c.extraArgs.length > 0) o.extraArgs = argsMap(c.extraArgs);
  if (c.extraVolumes.length > 0) o.extraVolumes = volumes(c.extraVolumes);
  return o;
}

function nonEmpty(o: Obj): Obj {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== "" && !(Array.isArray(v) && v.length === 0)),
  );
}

/**
 * v1beta3 ClusterConfiguration as stored in kube-system/kubeadm-config. kubeadm 1.28 writes the
 * authorization mode it defaulted into apiServer.extraArgs before uploading.
 */
export function clusterConfigurationV1beta3(c: ClusterConfiguration): Obj {
  const apiArgs = c.apiServer.extraArgs.some((a) => a.name === "authorization-mode")
    ? c.apiServer.extraArgs
    : [...c.apiServer.extraArgs, { name: "authorization-mode", value: "Node,RBAC" }];
  const apiServer = component(
    { extraArgs: apiArgs, extraVolumes: c.apiServer.extraVolumes },
    nonEmpty({
      certSANs: c.apiServer.certSANs,
      timeoutForControlPlane: c.apiServer.timeoutForControlPlane,
    }),
  );
  const etcd: Obj = c.etcd.external
    ? { external: nonEmpty({ ...c.etcd.external }) }
    : {
        local: nonEmpty({
          dataDir: c.etcd.local?.dataDir ?? "",
          imageRepository: c.etcd.local?.imageRepository ?? "",
          imageTag: c.etcd.local?.imageTag ?? "",
          serverCertSANs: c.etcd.local?.serverCertSANs ?? [],
          peerCertSANs: c.etcd.local?.peerCertSANs ?? [],
          ...(c.etcd.local && c.etcd.local.extraArgs.length > 0
            ? { extraArgs: argsMap(c.etcd.local.extraArgs) }
            : {}),
        }),
      };
  const out: Obj = {
    apiServer,
    apiVersion: "kubeadm.k8s.io/v1beta3",
    certificatesDir: c.certificatesDir,
    clusterName: c.clusterName,
    controlPlaneEndpoint: c.controlPlaneEndpoint,
    controllerManager: component(c.controllerManager),
    dns: nonEmpty({ ...c.dns }),
    etcd,
    imageRepository: c.imageRepository,
    kind: "ClusterConfiguration",
    kubernetesVersion: c.kubernetesVersion,
    networking: nonEmpty({ ...c.networking }),
    scheduler: component(c.scheduler),
  };
  if (Object.keys(c.featureGates).length > 0) out.featureGates = { ...c.featureGates };
  return nonEmpty(out);
}
