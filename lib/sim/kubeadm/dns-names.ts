// The two name rules kubeadm validation uses, with apimachinery's exact messages
// (k8s.io/apimachinery/pkg/util/validation). Kept here so the kubeadm model stands alone.

const LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const SUBDOMAIN = `${LABEL}(\\.${LABEL})*`;
const WILDCARD = `\\*\\.${SUBDOMAIN}`;
const SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const WILDCARD_ERR =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";
const MAX = 253;

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(" or ")}regex used for validation is '${fmt}')`;
}

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > MAX) errs.push(`must be no more than ${MAX} characters`);
  if (!new RegExp(`^${SUBDOMAIN}$`).test(value)) {
    errs.push(regexError(SUBDOMAIN_ERR, SUBDOMAIN, "example.com"));
  }
  return errs;
}

export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > MAX) errs.push(`must be no more than ${MAX} characters`);
  if (!new RegExp(`^${WILDCARD}$`).test(value)) {
    errs.push(regexError(WILDCARD_ERR, WILDCARD, "*.example.com"));
  }
  return errs;
}
