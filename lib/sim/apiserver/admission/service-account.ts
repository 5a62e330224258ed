// ServiceAccount admission for pods (plugin/pkg/admission/serviceaccount, 1.28): default the
// service account, require that it exists, and mount the projected API-access volume
// kube-api-access-<suffix> into every container, as bound service account tokens do.
import { newForbidden } from "../errors";
import type { KubeObject } from "../object";
import { arr, clone, ensureObj, isObj, type Obj } from "./util";

export const DEFAULT_SERVICE_ACCOUNT = "default";
export const TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
const MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";
/** utilrand.String's alphabet: no vowels, no confusable digits. */
export const RANDOM_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

export interface ServiceAccountInput {
  /** The pod's service account as stored, undefined when it does not exist. */
  serviceAccount: KubeObject | undefined;
  /** Returns `n` random characters from RANDOM_ALPHABET (seeded by the engine). */
  randomSuffix: (n: number) => string;
}

/** The service account a pod will run as after this plugin. */
export function podServiceAccountName(pod: KubeObject): string {
  const spec = (pod.spec ?? {}) as { serviceAccountName?: string };
  return spec.serviceAccountName || DEFAULT_SERVICE_ACCOUNT;
}

function projectedVolume(name: string): Obj {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
        { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
        {
          downwardAPI: {
            items: [
              {
                path: "namespace",
                fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" },
              },
            ],
          },
        },
      ],
      defaultMode: 420,
    },
  };
}

export function admitServiceAccount(pod: KubeObject, input: ServiceAccountInput): KubeObject {
  if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return pod;
  const out = clone(pod);
  const spec = ensureObj(out as unknown as Obj, "spec");
  const saName = podServiceAccountName(out);
  spec.serviceAccountName = saName;
  spec.serviceAccount = saName;
  const ns = out.metadata.namespace ?? "";
  if (input.serviceAccount === undefined) {
    throw newForbidden(
      { group: "", resource: "pods" },
      out.metadata.name ?? "",
      `error looking up service account ${ns}/${saName}: serviceaccount "${saName}" not found`,
    );
  }
  const podOpt = spec.automountServiceAccountToken;
  const saOpt = input.serviceAccount.automountServiceAccountToken;
  const mount = podOpt !== undefined ? podOpt !== false : saOpt !== false;
  if (!mount) return out;

  const containers = [...arr(spec.initContainers), ...arr(spec.containers)].filter(isObj);
  if (containers.every(alreadyMounted)) return out;

  const volumes = arr(spec.volumes);
  let name = `kube-api-access-${input.randomSuffix(5)}`;
  while (hasVolume(volumes, name)) name = `kube-api-access-${input.randomSuffix(5)}`;
  spec.volumes = [...volumes, projectedVolume(name)];
  for (const c of containers) {
    if (alreadyMounted(c)) continue;
    c.volumeMounts = [
      ...arr(c.volumeMounts),
      { name, readOnly: true, mountPath: TOKEN_MOUNT_PATH },
    ];
  }
  return out;
}

// Module-level helpers rather than closures made on every pod create.
function alreadyMounted(c: Obj): boolean {
  for (const m of arr(c.volumeMounts))
    if (isObj(m) && m.mountPath === TOKEN_MOUNT_PATH) return true;
  return false;
}

function hasVolume(volumes: unknown[], name: string): boolean {
  for (const v of volumes) if (isObj(v) && v.name === name) return true;
  return false;
}
