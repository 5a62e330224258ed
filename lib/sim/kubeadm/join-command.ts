// The `kubeadm join ...` command kubeadm prints (cmd/kubeadm/app/cmd/util/join.go template):
// continuation lines start with a tab and each command ends with a space.
import { sha256Hex } from "../topology/sha256";

export interface JoinCommandInput {
  endpoint: string;
  token: string;
  caCertHashes: string[];
  controlPlane: boolean;
  certificateKey?: string;
}

export function joinCommand(j: JoinCommandInput): string {
  let s = `kubeadm join ${j.endpoint} --token ${j.token} \\\n`;
  for (const h of j.caCertHashes) s += `\t--discovery-token-ca-cert-hash ${h} `;
  if (j.controlPlane) {
    s += "\\\n\t--control-plane ";
    if (j.certificateKey) s += `--certificate-key ${j.certificateKey}`;
  }
  return s;
}

/**
 * The simulator has no CA key to hash; it prints a stable stand-in of the right shape: the
 * sha256 of the cluster's identity, the same every time for the same cluster.
 */
export function caCertHash(identity: string): string {
  return `sha256:${sha256Hex(identity)}`;
}
