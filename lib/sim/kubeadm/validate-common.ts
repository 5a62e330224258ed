// Path and SAN rules shared by the kubeadm validators (ValidateAbsolutePath, ValidateCertSANs).
import { fieldErrors, type FieldError } from "../apiserver/validation/field-error";
import { isDNS1123Subdomain, isWildcardDNS1123Subdomain } from "./dns-names";
import { parseIP } from "./net";

export const isAbs = (p: string) => p.startsWith("/");

export function validateAbsolutePath(path: string, fld: string): FieldError[] {
  return isAbs(path) ? [] : [fieldErrors.invalid(fld, path, "path is not absolute")];
}

export function validateCertSANs(sans: readonly string[], fld: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const san of sans) {
    const e1 = isDNS1123Subdomain(san);
    if (e1.length === 0) continue;
    const e2 = isWildcardDNS1123Subdomain(san);
    if (e2.length === 0 || parseIP(san)) continue;
    errs.push(
      fieldErrors.invalid(
        fld,
        san,
        `altname is not a valid IP address, DNS label or a DNS label with subdomain wildcards: ${e1.join("; ")}; ${e2.join("; ")}`,
      ),
    );
  }
  return errs;
}
