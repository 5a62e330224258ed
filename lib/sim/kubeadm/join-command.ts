// The `kubeadm join ...` command kubeadm prints (cmd/kubeadm/app/cmd/util/join.go template):
// continuation lines start with a tab and each command ends with a space.

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
 * The simulator has no CA key to hash; it prints a stable stand-in of the right shape
 * (sha256 of the cluster's identity), the same every time for the same cluster.
 */
export function caCertHash(identity: string): string {
  const words: string[] = [];
  let h = 0x811c9dc5;
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < identity.length; i++) {
      h ^= identity.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= round + 1;
    h = Math.imul(h, 0x01000193) >>> 0;
    words.push(h.toString(16).padStart(8, "0"));
  }
  return `sha256:${words.join("")}`;
}
