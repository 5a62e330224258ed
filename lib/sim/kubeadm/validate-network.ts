// kubeadm 1.28's networking and etcd rules (ValidateNetworking, ValidateIPNetFromString,
// ValidateServiceSubnetSize, ValidatePodSubnetNodeMask, ValidateEtcd, ValidateURLs).
import { fieldErrors, type FieldError } from "../apiserver/validation/field-error";
import {
  MAX_BITS_FOR_SERVICE_SUBNET,
  MIN_ADDRESSES_IN_POD_SUBNET,
  MIN_ADDRESSES_IN_SERVICE_SUBNET,
  POD_SUBNET_NODE_MASK_MAX_DIFF,
} from "./constants";
import { isDNS1123Subdomain } from "./dns-names";
import { bitsOf, formatCidr, parseCidrList, rangeSize } from "./net";
import type { ClusterConfiguration } from "./types";
import { argValue } from "./types";
import { validateAbsolutePath, validateCertSANs } from "./validate-common";

function validateURLs(urls: readonly string[], requireHTTPS: boolean, fld: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const u of urls) {
    const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(u);
    const scheme = m ? m[1]!.toLowerCase() : "";
    if (requireHTTPS && scheme !== "https") {
      errs.push(fieldErrors.invalid(fld, u, "the URL must be using the HTTPS scheme"));
    }
    if (scheme === "")
      errs.push(fieldErrors.invalid(fld, u, "the URL without scheme is not allowed"));
  }
  return errs;
}

export function validateIPNetFromString(
  subnet: string,
  minAddrs: number,
  fld: string,
): FieldError[] {
  const cidrs = parseCidrList(subnet);
  if (!cidrs) return [fieldErrors.invalid(fld, subnet, "couldn't parse subnet")];
  const errs: FieldError[] = [];
  const dualStackMsg =
    "expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking";
  if (cidrs.length > 2) errs.push(fieldErrors.invalid(fld, subnet, dualStackMsg));
  else if (cidrs.length === 2 && cidrs[0]!.family === cidrs[1]!.family) {
    errs.push(fieldErrors.invalid(fld, subnet, dualStackMsg));
  }
  for (const c of cidrs) {
    const n = rangeSize(c);
    if (n < BigInt(minAddrs)) {
      errs.push(
        fieldErrors.invalid(
          fld,
          formatCidr(c),
          `subnet with ${n} address(es) is too small, the minimum is ${minAddrs}`,
        ),
      );
    }
  }
  return errs;
}

export function validateNetworking(c: ClusterConfiguration, fld: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const e of isDNS1123Subdomain(c.networking.dnsDomain)) {
    errs.push(fieldErrors.invalid(`${fld}.dnsDomain`, c.networking.dnsDomain, e));
  }
  const svc = c.networking.serviceSubnet;
  if (svc !== "") {
    const sub = validateIPNetFromString(
      svc,
      MIN_ADDRESSES_IN_SERVICE_SUBNET,
      `${fld}.serviceSubnet`,
    );
    errs.push(...sub);
    for (const s of parseCidrList(svc) ?? []) {
      const bits = bitsOf(s);
      if (bits - s.prefix > MAX_BITS_FOR_SERVICE_SUBNET) {
        errs.push(
          fieldErrors.invalid(
            `${fld}.serviceSubnet`,
            formatCidr(s),
            `specified service subnet is too large; for ${bits}-bit addresses, the mask must be >= ${bits - MAX_BITS_FOR_SERVICE_SUBNET}`,
          ),
        );
      }
    }
  }
  const pod = c.networking.podSubnet;
  if (pod !== "") {
    errs.push(...validateIPNetFromString(pod, MIN_ADDRESSES_IN_POD_SUBNET, `${fld}.podSubnet`));
    if (argValue(c.controllerManager.extraArgs, "allocate-node-cidrs") !== "false") {
      for (const s of parseCidrList(pod) ?? []) {
        const isV6 = s.family === 6;
        const maskArg = isV6 ? "node-cidr-mask-size-ipv6" : "node-cidr-mask-size-ipv4";
        const given = argValue(c.controllerManager.extraArgs, maskArg);
        let nodeMask = isV6 ? 64 : 24;
        if (given !== undefined && given !== "") {
          if (!/^[+-]?\d+$/.test(given)) {
            errs.push(
              fieldErrors.invalid(
                `${fld}.podSubnet`,
                formatCidr(s),
                `could not parse the value of the kube-controller-manager flag ${maskArg} as an integer: strconv.Atoi: parsing "${given}": invalid syntax`,
              ),
            );
            continue;
          }
          nodeMask = Number(given);
        }
        if (s.prefix > nodeMask) {
          errs.push(
            fieldErrors.invalid(
              `${fld}.podSubnet`,
              formatCidr(s),
              `the size of pod subnet with mask ${s.prefix} is smaller than the size of node subnet with mask ${nodeMask}`,
            ),
          );
        } else if (nodeMask - s.prefix > POD_SUBNET_NODE_MASK_MAX_DIFF) {
          errs.push(
            fieldErrors.invalid(
              `${fld}.podSubnet`,
              formatCidr(s),
              `pod subnet mask (${s.prefix}) and node-mask (${nodeMask}) difference is greater than ${POD_SUBNET_NODE_MASK_MAX_DIFF}`,
            ),
          );
        }
      }
    }
  }
  return errs;
}

export function validateEtcd(c: ClusterConfiguration, fld: string): FieldError[] {
  const { local, external } = c.etcd;
  if (!local && !external) {
    return [fieldErrors.invalid(fld, "", "either .Etcd.Local or .Etcd.External is required")];
  }
  if (local && external) {
    return [fieldErrors.invalid(fld, "", ".Etcd.Local and .Etcd.External are mutually exclusive")];
  }
  const errs: FieldError[] = [];
  if (local) {
    errs.push(...validateAbsolutePath(local.dataDir, `${fld}.local.dataDir`));
    errs.push(...validateCertSANs(local.serverCertSANs, `${fld}.local.serverCertSANs`));
    errs.push(...validateCertSANs(local.peerCertSANs, `${fld}.local.peerCertSANs`));
  }
  if (external) {
    const p = `${fld}.external`;
    const requireHTTPS = !(
      external.caFile === "" &&
      external.certFile === "" &&
      external.keyFile === ""
    );
    if ((external.certFile === "") !== (external.keyFile === "")) {
      errs.push(
        fieldErrors.invalid(
          p,
          "",
          "either both or none of .Etcd.External.CertFile and .Etcd.External.KeyFile must be set",
        ),
      );
    }
    if (external.certFile !== "" && external.keyFile !== "" && external.caFile === "") {
      errs.push(
        fieldErrors.invalid(
          p,
          "",
          "setting .Etcd.External.CertFile and .Etcd.External.KeyFile requires .Etcd.External.CAFile",
        ),
      );
    }
    errs.push(...validateURLs(external.endpoints, requireHTTPS, `${p}.endpoints`));
    if (external.caFile !== "") errs.push(...validateAbsolutePath(external.caFile, `${p}.caFile`));
    if (external.certFile !== "")
      errs.push(...validateAbsolutePath(external.certFile, `${p}.certFile`));
    if (external.keyFile !== "")
      errs.push(...validateAbsolutePath(external.keyFile, `${p}.keyFile`));
  }
  return errs;
}
