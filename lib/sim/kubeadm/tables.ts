// `kubeadm token list` and `kubeadm certs check-expiration` (kubeadm 1.28 text printers),
// computed from the topology's bootstrap tokens and certificate records at a virtual time.
import type { BootstrapTokenRecord, ClusterTopology } from "../topology/types";
import type { CertRecord } from "./certs";
import { shortHumanDuration, tabwrite } from "./tabwriter";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Go layout "Jan 02, 2006 15:04 MST" in UTC. */
function expiryDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())}, ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} UTC`;
}

function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/**
 * `kubeadm token list`: tokens whose expiry has passed are gone (the token cleaner deletes
 * their Secrets), so they are not listed.
 */
export function tokenListOutput(tokens: readonly BootstrapTokenRecord[], now: number): string {
  const rows = [["TOKEN", "TTL", "EXPIRES", "USAGES", "DESCRIPTION", "EXTRA GROUPS"]];
  for (const t of tokens) {
    if (t.expires !== null && t.expires <= now) continue;
    rows.push([
      t.token,
      t.expires === null ? "<forever>" : shortHumanDuration(t.expires - now),
      t.expires === null ? "<never>" : rfc3339(t.expires),
      t.usages.length > 0 ? [...t.usages].sort().join(",") : "<none>",
      t.description || "<none>",
      t.groups.length > 0 ? t.groups.join(",") : "<none>",
    ]);
  }
  return tabwrite(rows);
}

/** `kubeadm certs check-expiration` for the certificates of the first control-plane node. */
export function checkExpirationOutput(t: ClusterTopology, now: number): string {
  const certs: CertRecord[] = t.certificates.filter((c) => c.kind !== "ca");
  const byName = (a: CertRecord, b: CertRecord) => (a.name < b.name ? -1 : 1);
  const cas = t.certificates.filter((c) => c.kind === "ca").sort(byName);
  const no = "no".padEnd(8);
  const certRows = [
    ["CERTIFICATE", "EXPIRES", "RESIDUAL TIME", "CERTIFICATE AUTHORITY", "EXTERNALLY MANAGED"],
  ];
  for (const c of [...certs].sort(byName)) {
    certRows.push([
      c.name,
      expiryDate(c.notAfter),
      shortHumanDuration(c.notAfter - now),
      c.caName,
      no,
    ]);
  }
  const caRows = [["CERTIFICATE AUTHORITY", "EXPIRES", "RESIDUAL TIME", "EXTERNALLY MANAGED"]];
  for (const c of cas)
    caRows.push([c.name, expiryDate(c.notAfter), shortHumanDuration(c.notAfter - now), no]);
  return (
    "[check-expiration] Reading configuration from the cluster...\n" +
    "[check-expiration] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'\n\n" +
    `${tabwrite(certRows)}\n${tabwrite(caRows)}`
  );
}
