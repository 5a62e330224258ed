// From a config file to a defaulted, validated InitConfiguration, following kubeadm 1.28's
// documentMapToInitConfiguration + SetInitDynamicDefaults + ValidateInitConfiguration. Init and
// join only warn about unknown fields; `kubeadm config validate` treats them as errors.
import { aggregateFieldErrors } from "../apiserver/validation/field-error";
import { DEFAULT_CRI_SOCKET, KUBERNETES_VERSION, MINIMUM_CONTROL_PLANE_MINOR } from "./constants";
import { defaultInitConfiguration, defaultJoinConfiguration } from "./defaults";
import { EXIT_VALIDATION, KubeadmError } from "./errors";
import { joinHostPort, parseHostPort } from "./host-port";
import { parseIP } from "./net";
import { apiVersionOf, gvkString, parseKubeadmConfig, type ParsedConfig } from "./parse";
import type { InitConfiguration, JoinConfiguration } from "./types";
import { validateInitConfiguration, validateJoinConfiguration } from "./validate";

/** A klog warning kubeadm prints on stderr (the CLI adds klog's "W<date> <time> <pid>" header). */
export interface KlogWarning {
  source: string;
  message: string;
}

/** What the machine kubeadm runs on would detect by itself. */
export interface HostFacts {
  /** The node's hostname (lowercased by kubeadm): master1, worker1, ... */
  hostname: string;
  /** The IP of the default-route interface, used as the advertise address. */
  ip: string;
  /** Makes the random bootstrap token when the config has none (seeded by the caller). */
  generateToken: () => string;
}

export interface LoadOptions {
  host: HostFacts;
  /** Minor version of the simulated kubeadm binary (28 by default). */
  kubeadmMinor?: number;
  /** true for `kubeadm config validate`: unknown fields and deprecated APIs are errors. */
  strict?: boolean;
}

export interface Loaded<T> {
  config: T;
  warnings: KlogWarning[];
  /** Lines kubeadm prints on stdout while loading (ignored documents). */
  notices: string[];
}

const STRICT_SOURCE = "initconfiguration.go:306";
const COMPONENT_SOURCE = "configset.go:177";

function collectWarnings(parsed: ParsedConfig): KlogWarning[] {
  const out: KlogWarning[] = [];
  for (const p of parsed.strict) {
    out.push({ source: STRICT_SOURCE, message: p.message });
    // Component configs are decoded a second time by componentconfigs, which warns again.
    if (p.gvk.group === "kubelet.config.k8s.io" || p.gvk.group === "kubeproxy.config.k8s.io") {
      out.push({ source: COMPONENT_SOURCE, message: p.message });
    }
  }
  return out;
}

/** NormalizeKubernetesVersion: labels fall back to the local version (no internet here). */
export function normalizeKubernetesVersion(version: string, warnings: KlogWarning[]): string {
  const label = /^(stable|latest)(-\d+(\.\d+)?)?$/.exec(version);
  if (label) {
    const url = `https://dl.k8s.io/release/${version}.txt`;
    // The sandbox has no route to dl.k8s.io, so kubeadm falls back to its own version.
    warnings.push({
      source: "version.go:104",
      message: `could not fetch a Kubernetes version from the internet: unable to get URL "${url}": Get "${url}": dial tcp: lookup dl.k8s.io on 127.0.0.53:53: server misbehaving`,
    });
    warnings.push({
      source: "version.go:105",
      message: `falling back to the local client version: ${KUBERNETES_VERSION}`,
    });
    return KUBERNETES_VERSION;
  }
  const m = /^v?(\d+)\.(\d+)\.(\d+)([-+][0-9A-Za-z.+-]*)?$/.exec(version);
  if (!m) {
    throw new KubeadmError(
      "defaulting",
      `version "${version}" doesn't match patterns for neither semantic version nor labels (stable, latest, ...)`,
    );
  }
  const normalized = version.startsWith("v") ? version : `v${version}`;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  if (major < 1 || (major === 1 && minor < MINIMUM_CONTROL_PLANE_MINOR)) {
    throw new KubeadmError(
      "defaulting",
      `this version of kubeadm only supports deploying clusters with the control plane version >= 1.${MINIMUM_CONTROL_PLANE_MINOR}.0. Current version: ${normalized}`,
    );
  }
  return normalized;
}

function criSocketDefault(socket: string, warnings: KlogWarning[]): string {
  if (socket === "") return DEFAULT_CRI_SOCKET;
  if (socket.startsWith("unix:")) return socket;
  warnings.push({
    source: "initconfiguration.go:125",
    message: `Usage of CRI endpoints without URL scheme is deprecated and can cause kubelet errors in the future. Automatically prepending scheme "unix" to the "criSocket" with value "${socket}". Please update your configuration!`,
  });
  return `unix://${socket}`;
}

function firstFatal(parsed: ParsedConfig, strict: boolean): KubeadmError | null {
  if (strict) return parsed.ordered[0] ?? null;
  return parsed.errors[0] ?? null;
}

/** documentMapToInitConfiguration + SetInitDynamicDefaults + ValidateInitConfiguration. */
export function loadInitConfiguration(text: string, opts: LoadOptions): Loaded<InitConfiguration> {
  const parsed = parseKubeadmConfig(text, opts.kubeadmMinor ?? 28);
  const fatal = firstFatal(parsed, opts.strict ?? false);
  if (fatal) throw fatal;
  const warnings = collectWarnings(parsed);
  const notices = parsed.ignored.map(
    (gvk) => `[config] WARNING: Ignored YAML document with GroupVersionKind ${gvkString(gvk)}`,
  );
  const init = parsed.docs.find(
    (d) => d.gvk.group === "kubeadm.k8s.io" && d.gvk.kind === "InitConfiguration",
  );
  const cluster = parsed.docs.find(
    (d) => d.gvk.group === "kubeadm.k8s.io" && d.gvk.kind === "ClusterConfiguration",
  );
  if (!init && !cluster) {
    throw new KubeadmError(
      "version",
      "no InitConfiguration or ClusterConfiguration kind was found in the YAML file",
    );
  }
  const apiVersion = apiVersionOf((init ?? cluster)!.gvk);
  const cfg = defaultInitConfiguration(init?.value ?? null, cluster?.value ?? null, apiVersion);
  cfg.kubelet = parsed.docs.find((d) => d.gvk.kind === "KubeletConfiguration")?.value ?? null;
  cfg.kubeProxy = parsed.docs.find((d) => d.gvk.kind === "KubeProxyConfiguration")?.value ?? null;
  applyInitDynamicDefaults(cfg, opts.host, warnings);
  const errs = validateInitConfiguration(cfg);
  if (errs.length > 0)
    throw new KubeadmError("validation", aggregateFieldErrors(errs), EXIT_VALIDATION);
  return { config: cfg, warnings, notices };
}

/** SetInitDynamicDefaults: token, node name, CRI socket, taints, advertise address, version, endpoint. */
export function applyInitDynamicDefaults(
  cfg: InitConfiguration,
  host: HostFacts,
  warnings: KlogWarning[],
): void {
  for (const t of cfg.bootstrapTokens) if (t.token === "") t.token = host.generateToken();
  const nr = cfg.nodeRegistration;
  nr.name = (nr.name === "" ? host.hostname : nr.name).trim().toLowerCase();
  if (nr.taints === null)
    nr.taints = [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }];
  nr.criSocket = criSocketDefault(nr.criSocket, warnings);
  const ep = cfg.localAPIEndpoint;
  if (ep.advertiseAddress !== "" && !parseIP(ep.advertiseAddress)) {
    throw new KubeadmError(
      "defaulting",
      `couldn't use "${ep.advertiseAddress}" as "apiserver-advertise-address", must be ipv4 or ipv6 address`,
    );
  }
  if (ep.advertiseAddress === "" || ep.advertiseAddress === "0.0.0.0")
    ep.advertiseAddress = host.ip;
  const c = cfg.cluster;
  c.kubernetesVersion = normalizeKubernetesVersion(c.kubernetesVersion, warnings);
  if (c.controlPlaneEndpoint !== "") {
    const hp = parseHostPort(c.controlPlaneEndpoint);
    if (hp.error) throw new KubeadmError("defaulting", hp.error);
    if (hp.port === "") c.controlPlaneEndpoint = joinHostPort(hp.host, ep.bindPort);
  }
  c.apiServer.certSANs = c.apiServer.certSANs.map((s) => s.toLowerCase());
}

/** documentMapToJoinConfiguration + dynamic defaults + ValidateJoinConfiguration. */
export function loadJoinConfiguration(text: string, opts: LoadOptions): Loaded<JoinConfiguration> {
  const parsed = parseKubeadmConfig(text, opts.kubeadmMinor ?? 28);
  const fatal = firstFatal(parsed, opts.strict ?? false);
  if (fatal) throw fatal;
  const warnings = collectWarnings(parsed);
  const join = parsed.docs.find(
    (d) => d.gvk.group === "kubeadm.k8s.io" && d.gvk.kind === "JoinConfiguration",
  );
  if (!join)
    throw new KubeadmError("version", "no JoinConfiguration kind was found in the YAML file");
  const cfg = defaultJoinConfiguration(join.value, apiVersionOf(join.gvk));
  const nr = cfg.nodeRegistration;
  nr.name = (nr.name === "" ? opts.host.hostname : nr.name).trim().toLowerCase();
  // Join adds the control-plane taint only for control-plane joins.
  if (nr.taints === null) {
    nr.taints = cfg.controlPlane
      ? [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }]
      : [];
  }
  nr.criSocket = criSocketDefault(nr.criSocket, warnings);
  if (cfg.controlPlane && cfg.controlPlane.localAPIEndpoint.advertiseAddress === "") {
    cfg.controlPlane.localAPIEndpoint.advertiseAddress = opts.host.ip;
  }
  const errs = validateJoinConfiguration(cfg);
  if (errs.length > 0)
    throw new KubeadmError("validation", aggregateFieldErrors(errs), EXIT_VALIDATION);
  return { config: cfg, warnings, notices: [] };
}

/**
 * `kubeadm config validate --config f.yaml` (ValidateConfig with strict errors): the output is
 * "ok" or the first error kubeadm meets.
 */
export function validateConfigFile(
  text: string,
  opts: LoadOptions,
): { ok: true; stdout: string; warnings: KlogWarning[] } | { ok: false; error: KubeadmError } {
  try {
    const parsed = parseKubeadmConfig(text, opts.kubeadmMinor ?? 28);
    const fatal = firstFatal(parsed, true);
    if (fatal) return { ok: false, error: fatal };
    const kinds = new Set(parsed.docs.map((d) => d.gvk.kind));
    const warnings: KlogWarning[] = [];
    if (kinds.has("InitConfiguration") || kinds.has("ClusterConfiguration")) {
      warnings.push(...loadInitConfiguration(text, { ...opts, strict: true }).warnings);
    }
    if (kinds.has("JoinConfiguration")) {
      warnings.push(...loadJoinConfiguration(text, { ...opts, strict: true }).warnings);
    }
    return { ok: true, stdout: "ok\n", warnings };
  } catch (e) {
    if (e instanceof KubeadmError) return { ok: false, error: e };
    throw e;
  }
}
