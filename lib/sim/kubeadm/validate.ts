// ValidateInitConfiguration / ValidateJoinConfiguration of kubeadm 1.28
// (cmd/kubeadm/app/apis/kubeadm/validation): the same checks, field paths and messages, so
// `kubeadm config validate` prints what the real binary prints.
import { fieldErrors, type FieldError } from "../apiserver/validation/field-error";
import { isDNS1123Subdomain } from "./dns-names";
import { isAbs, validateAbsolutePath, validateCertSANs } from "./validate-common";
import { parseIP } from "./net";
import { validateEtcd, validateNetworking } from "./validate-network";

export { validateAbsolutePath, validateCertSANs };
import { parseHostPort } from "./host-port";
import type {
  Arg,
  BootstrapToken,
  ClusterConfiguration,
  InitConfiguration,
  JoinConfiguration,
  NodeRegistration,
} from "./types";

const TOKEN_RE = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
const GROUP_PATTERN = "\\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\\z";
const GROUP_RE = /^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$/;
const KNOWN_USAGES = ["signing", "authentication"];
/** features.InitFeatureGates of kubeadm 1.28. */
export const KUBEADM_FEATURE_GATES = [
  "PublicKeysECDSA",
  "RootlessControlPlane",
  "EtcdLearnerMode",
  "UpgradeAddonsBeforeControlPlane",
];

export function validateToken(token: string, fld: string): FieldError[] {
  return TOKEN_RE.test(token)
    ? []
    : [fieldErrors.invalid(fld, token, "the bootstrap token is invalid")];
}

function validateBootstrapTokens(tokens: readonly BootstrapToken[], fld: string): FieldError[] {
  const errs: FieldError[] = [];
  tokens.forEach((t, i) => {
    const p = `${fld}.${i}`;
    errs.push(...validateToken(t.token, `${p}.token`));
    const invalid = [...new Set(t.usages.filter((u) => !KNOWN_USAGES.includes(u)))].sort();
    if (invalid.length > 0) {
      errs.push(
        fieldErrors.invalid(
          `${p}.usages`,
          t.usages,
          `invalid bootstrap token usage string: ${invalid.join(",")}, valid usage options: ${KNOWN_USAGES.join(",")}`,
        ),
      );
    }
    if (t.groups.length > 0 && !t.usages.includes("authentication")) {
      errs.push(
        fieldErrors.invalid(
          `${p}.groups`,
          t.groups,
          `token groups cannot be specified unless --usages includes "authentication"`,
        ),
      );
    }
    for (const g of t.groups) {
      if (!GROUP_RE.test(g)) {
        errs.push(
          fieldErrors.invalid(
            `${p}.groups`,
            t.groups,
            `bootstrap group "${g}" is invalid (must match ${GROUP_PATTERN})`,
          ),
        );
      }
    }
    if (t.expires !== "" && t.ttl !== "") {
      errs.push(
        fieldErrors.invalid(
          p,
          "",
          "the BootstrapToken .TTL and .Expires fields are mutually exclusive",
        ),
      );
    }
  });
  return errs;
}

function validateSocketPath(socket: string, fld: string): FieldError[] {
  if (socket === "") return [fieldErrors.invalid(fld, socket, "empty CRI socket")];
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(socket);
  const scheme = m ? m[1]!.toLowerCase() : "";
  if (scheme !== "unix") {
    return [
      fieldErrors.invalid(fld, socket, `only URL scheme "unix" is supported, got "${scheme}"`),
    ];
  }
  return [];
}

function validateNodeRegistration(nro: NodeRegistration, fld: string): FieldError[] {
  const errs: FieldError[] = [];
  if (nro.name === "") {
    errs.push(
      fieldErrors.required(
        fld,
        "--node-name or .nodeRegistration.name in the config file is a required value. It seems like this value couldn't be automatically detected in your environment, please specify the desired value using the CLI or config file.",
      ),
    );
  } else {
    for (const e of isDNS1123Subdomain(nro.name))
      errs.push(fieldErrors.invalid(`${fld}.name`, nro.name, e));
  }
  errs.push(...validateSocketPath(nro.criSocket, `${fld}.criSocket`));
  if (!["", "Always", "IfNotPresent", "Never"].includes(nro.imagePullPolicy)) {
    errs.push(
      fieldErrors.notSupported(`${fld}.imagePullPolicy`, nro.imagePullPolicy, [
        "Always",
        "IfNotPresent",
        "Never",
      ]),
    );
  }
  return errs;
}

// distribution/reference's ReferenceRegexp, reduced to "<repository>/name:tag" matching.
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
const IMAGE_REF = new RegExp(
  `^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*:[\\w][\\w.-]{0,127}$`,
);

function validateImageRepository(repo: string, fld: string): FieldError[] {
  return IMAGE_REF.test(`${repo}/name:tag`)
    ? []
    : [fieldErrors.invalid(fld, repo, "invalid image repository format")];
}

export function validateClusterConfiguration(c: ClusterConfiguration): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateNetworking(c, "networking"));
  errs.push(...validateCertSANs(c.apiServer.certSANs, "apiServer.certSANs"));
  errs.push(...validateAbsolutePath(c.certificatesDir, "certificatesDir"));
  for (const k of Object.keys(c.featureGates)) {
    if (!KUBEADM_FEATURE_GATES.includes(k)) {
      errs.push(
        fieldErrors.invalid("featureGates", c.featureGates, `${k} is not a valid feature name.`),
      );
    }
  }
  if (c.controlPlaneEndpoint !== "" && parseHostPort(c.controlPlaneEndpoint).error) {
    errs.push(
      fieldErrors.invalid("controlPlaneEndpoint", c.controlPlaneEndpoint, "endpoint is not valid"),
    );
  }
  errs.push(...validateImageRepository(c.imageRepository, "imageRepository"));
  errs.push(...validateEtcd(c, "etcd"));
  if (c.encryptionAlgorithm !== undefined) errs.push(...validateV1beta4Cluster(c));
  return errs;
}

const ENCRYPTION_ALGORITHMS = ["ECDSA-P256", "RSA-2048", "RSA-3072", "RSA-4096"];

/** Rules kubeadm 1.31 added with v1beta4: named extraArgs and a known encryption algorithm. */
function validateV1beta4Cluster(c: ClusterConfiguration): FieldError[] {
  const errs: FieldError[] = [];
  const args = (list: readonly Arg[], fld: string) =>
    list.forEach((a, i) => {
      if (a.name === "") errs.push(fieldErrors.invalid(fld, `index ${i}`, "argument has no name"));
    });
  args(c.apiServer.extraArgs, "apiServer.extraArgs");
  args(c.controllerManager.extraArgs, "controllerManager.extraArgs");
  args(c.scheduler.extraArgs, "scheduler.extraArgs");
  if (c.etcd.local) args(c.etcd.local.extraArgs, "etcd.local.extraArgs");
  const algo = c.encryptionAlgorithm ?? "";
  if (!ENCRYPTION_ALGORITHMS.includes(algo)) {
    errs.push(
      fieldErrors.invalid(
        "encryptionAlgorithm",
        algo,
        `Invalid encryption algorithm ${JSON.stringify(algo)}. Must be one of [${ENCRYPTION_ALGORITHMS.join(" ")}]`,
      ),
    );
  }
  return errs;
}

function validateAPIEndpoint(e: { advertiseAddress: string; bindPort: number }, fld: string) {
  const errs: FieldError[] = [];
  if (!parseIP(e.advertiseAddress)) {
    errs.push(
      fieldErrors.invalid(`${fld}.advertiseAddress`, e.advertiseAddress, "ip address is not valid"),
    );
  }
  if (!(Number.isInteger(e.bindPort) && e.bindPort >= 1 && e.bindPort <= 65535)) {
    errs.push(fieldErrors.invalid(`${fld}.bindPort`, e.bindPort, "port number is not valid"));
  }
  return errs;
}

function validateCertificateKey(key: string, fld: string): FieldError[] {
  if (key === "") return [];
  if (key.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(key)) {
    const bad = key.search(/[^0-9a-fA-F]/);
    const detail =
      bad >= 0
        ? `encoding/hex: invalid byte: U+${key.charCodeAt(bad).toString(16).toUpperCase().padStart(4, "0")} '${key[bad]}'`
        : "encoding/hex: odd length hex string";
    return [fieldErrors.invalid(fld, key, `certificate key decoding error: ${detail}`)];
  }
  const size = key.length / 2;
  return size === 32
    ? []
    : [
        fieldErrors.invalid(
          fld,
          key,
          `invalid certificate key size ${size}, the key must be an AES key of size 32`,
        ),
      ];
}

/** ValidateInitConfiguration: node registration, tokens, cluster, API endpoint, certificate key. */
export function validateInitConfiguration(c: InitConfiguration): FieldError[] {
  return [
    ...validateNodeRegistration(c.nodeRegistration, "nodeRegistration"),
    ...validateBootstrapTokens(c.bootstrapTokens, "bootstrapTokens"),
    ...validateClusterConfiguration(c.cluster),
    ...validateAPIEndpoint(c.localAPIEndpoint, "localAPIEndpoint"),
    ...validateCertificateKey(c.certificateKey, "certificateKey"),
  ];
}

/** ValidateJoinConfiguration: discovery, node registration, control plane, CA path. */
export function validateJoinConfiguration(c: JoinConfiguration): FieldError[] {
  const errs: FieldError[] = [];
  const d = c.discovery;
  if (!d.bootstrapToken && !d.file)
    errs.push(fieldErrors.invalid("discovery", "", "bootstrapToken or file must be set"));
  if (d.bootstrapToken && d.file)
    errs.push(fieldErrors.invalid("discovery", "", "bootstrapToken and file cannot both be set"));
  if (d.bootstrapToken) {
    const b = d.bootstrapToken;
    if (b.apiServerEndpoint === "")
      errs.push(fieldErrors.required("discovery.bootstrapToken", "APIServerEndpoint is not set"));
    if (b.caCertHashes.length === 0 && !b.unsafeSkipCAVerification) {
      errs.push(
        fieldErrors.invalid(
          "discovery.bootstrapToken.caCertHashes",
          "",
          "using token-based discovery without caCertHashes can be unsafe. Set unsafeSkipCAVerification as true in your kubeadm config file or pass --discovery-token-unsafe-skip-ca-verification flag to continue",
        ),
      );
    }
    errs.push(...validateToken(b.token, "discovery.bootstrapToken.token"));
    const hp = /^(.*):([^:]*)$/.exec(b.apiServerEndpoint);
    if (!hp) {
      errs.push(
        fieldErrors.invalid(
          "discovery.bootstrapToken.apiServerEndpoint",
          b.apiServerEndpoint,
          `address ${b.apiServerEndpoint}: missing port in address`,
        ),
      );
    }
    errs.push(...validateToken(d.tlsBootstrapToken, "discovery.tlsBootstrapToken"));
  }
  if (d.file && d.tlsBootstrapToken !== "") {
    errs.push(...validateToken(d.tlsBootstrapToken, "discovery.tlsBootstrapToken"));
  }
  errs.push(...validateNodeRegistration(c.nodeRegistration, "nodeRegistration"));
  if (c.controlPlane) {
    errs.push(
      ...validateAPIEndpoint(c.controlPlane.localAPIEndpoint, "controlPlane.localAPIEndpoint"),
    );
    errs.push(
      ...validateCertificateKey(c.controlPlane.certificateKey, "controlPlane.certificateKey"),
    );
  }
  if (!isAbs(c.caCertPath) || !c.caCertPath.endsWith(".crt")) {
    errs.push(
      fieldErrors.invalid(
        "caCertPath",
        c.caCertPath,
        "the ca certificate path must be an absolute path",
      ),
    );
  }
  return errs;
}
