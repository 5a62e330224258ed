import { describe, expect, it } from "vitest";
import { KubeadmError } from "./errors";
import { loadInitConfiguration, type HostFacts } from "./load-config";

const host: HostFacts = {
  hostname: "master1",
  ip: "192.168.56.10",
  generateToken: () => "abcdef.0123456789abcdef",
};

const CLUSTER = (body: string) =>
  `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n${body}`;

function errorOf(text: string): KubeadmError {
  try {
    loadInitConfiguration(text, { host });
  } catch (e) {
    if (e instanceof KubeadmError) return e;
    throw e;
  }
  throw new Error("expected a KubeadmError");
}

describe("networking", () => {
  it("rejects unparsable and undersized subnets with kubeadm's messages (exit code 3)", () => {
    const e = errorOf(
      CLUSTER('networking:\n  podSubnet: "10.244.0.0/33"\n  serviceSubnet: "10.96.0.0/30"\n'),
    );
    expect(e.exitCode).toBe(3);
    expect(e.message).toBe(
      '[networking.serviceSubnet: Invalid value: "10.96.0.0/30": subnet with 4 address(es) is too small, the minimum is 10, networking.podSubnet: Invalid value: "10.244.0.0/33": couldn\'t parse subnet]',
    );
  });

  it("rejects a service subnet larger than /12 and a pod subnet smaller than a node's /24", () => {
    const e = errorOf(
      CLUSTER('networking:\n  podSubnet: "10.244.0.0/25"\n  serviceSubnet: "10.0.0.0/8"\n'),
    );
    expect(e.message).toBe(
      '[networking.serviceSubnet: Invalid value: "10.0.0.0/8": specified service subnet is too large; for 32-bit addresses, the mask must be >= 12, networking.podSubnet: Invalid value: "10.244.0.0/25": the size of pod subnet with mask 25 is smaller than the size of node subnet with mask 24]',
    );
  });

  it("does not reject overlapping pod and service subnets: kubeadm 1.28 has no such check", () => {
    const { config } = loadInitConfiguration(
      CLUSTER('networking:\n  podSubnet: "10.96.0.0/16"\n  serviceSubnet: "10.96.0.0/12"\n'),
      { host },
    );
    expect(config.cluster.networking.podSubnet).toBe("10.96.0.0/16");
  });

  it("accepts dual-stack only with one CIDR per family", () => {
    expect(
      errorOf(CLUSTER('networking:\n  podSubnet: "10.244.0.0/16,10.245.0.0/16"\n')).message,
    ).toBe(
      'networking.podSubnet: Invalid value: "10.244.0.0/16,10.245.0.0/16": expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking',
    );
    expect(() =>
      loadInitConfiguration(
        CLUSTER('networking:\n  podSubnet: "10.244.0.0/16,fd00:10:244::/56"\n'),
        { host },
      ),
    ).not.toThrow();
  });
});

describe("controlPlaneEndpoint and certSANs", () => {
  it("fails dynamic defaulting for an invalid host", () => {
    const e = errorOf(CLUSTER('controlPlaneEndpoint: "k8s_api:6443"\n'));
    expect(e.kind).toBe("defaulting");
    expect(e.message).toBe(
      "hostport k8s_api:6443: host 'k8s_api' must be a valid IP address or a valid RFC-1123 DNS subdomain",
    );
  });

  it("rejects a port out of range", () => {
    expect(errorOf(CLUSTER('controlPlaneEndpoint: "lb.example.com:70000"\n')).message).toBe(
      "hostport lb.example.com:70000: port 70000 must be a valid number between 1 and 65535, inclusive",
    );
  });

  it("adds the bind port when the endpoint has none", () => {
    const { config } = loadInitConfiguration(CLUSTER("controlPlaneEndpoint: lb.example.com\n"), {
      host,
    });
    expect(config.cluster.controlPlaneEndpoint).toBe("lb.example.com:6443");
  });

  it("accepts IPs, names and wildcards as SANs, rejects anything else", () => {
    const e = errorOf(
      CLUSTER(
        'apiServer:\n  certSANs: ["10.0.0.100", "*.example.com", "K8S-API.example.com", "bad_name"]\n',
      ),
    );
    expect(e.message).toBe(
      `apiServer.certSANs: Invalid value: "bad_name": altname is not a valid IP address, DNS label or a DNS label with subdomain wildcards: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'); a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
  });
});

describe("external etcd", () => {
  const ext = (body: string) => CLUSTER(`etcd:\n  external:\n${body}`);

  it("requires certFile and keyFile together, and the CA with them", () => {
    expect(
      errorOf(ext("    endpoints: [https://etcd1:2379]\n    certFile: /c.crt\n")).message,
    ).toBe(
      'etcd.external: Invalid value: "": either both or none of .Etcd.External.CertFile and .Etcd.External.KeyFile must be set',
    );
    expect(
      errorOf(
        ext("    endpoints: [https://etcd1:2379]\n    certFile: /c.crt\n    keyFile: /c.key\n"),
      ).message,
    ).toBe(
      'etcd.external: Invalid value: "": setting .Etcd.External.CertFile and .Etcd.External.KeyFile requires .Etcd.External.CAFile',
    );
  });

  it("requires https endpoints once TLS files are given, and absolute paths", () => {
    expect(
      errorOf(
        ext(
          "    endpoints: [http://etcd1:2379, etcd2:2379]\n    caFile: ca.crt\n    certFile: /c.crt\n    keyFile: /c.key\n",
        ),
      ).message,
    ).toBe(
      '[etcd.external.endpoints: Invalid value: "http://etcd1:2379": the URL must be using the HTTPS scheme, etcd.external.endpoints: Invalid value: "etcd2:2379": the URL must be using the HTTPS scheme, etcd.external.caFile: Invalid value: "ca.crt": path is not absolute]',
    );
  });

  it("allows plain http without TLS files", () => {
    expect(() =>
      loadInitConfiguration(ext("    endpoints: [http://etcd1:2379]\n"), { host }),
    ).not.toThrow();
  });

  it("forbids local and external together", () => {
    expect(
      errorOf(CLUSTER("etcd:\n  local: {}\n  external:\n    endpoints: [http://e:2379]\n")).message,
    ).toBe('etcd: Invalid value: "": .Etcd.Local and .Etcd.External are mutually exclusive');
  });
});

describe("kubernetesVersion and tokens", () => {
  it("refuses control planes older than 1.27", () => {
    expect(errorOf(CLUSTER("kubernetesVersion: v1.25.0\n")).message).toBe(
      "this version of kubeadm only supports deploying clusters with the control plane version >= 1.27.0. Current version: v1.25.0",
    );
  });

  it("refuses strings that are neither versions nor labels", () => {
    expect(errorOf(CLUSTER("kubernetesVersion: one-twenty-eight\n")).message).toBe(
      'version "one-twenty-eight" doesn\'t match patterns for neither semantic version nor labels (stable, latest, ...)',
    );
  });

  it("falls back to the local version for a label, with kubeadm's warnings", () => {
    const { config, warnings } = loadInitConfiguration(CLUSTER(""), { host });
    expect(config.cluster.kubernetesVersion).toBe("v1.28.0");
    expect(warnings.map((w) => w.source)).toEqual(["version.go:104", "version.go:105"]);
    expect(warnings[1]?.message).toBe("falling back to the local client version: v1.28.0");
  });

  it("checks token format, usages and groups", () => {
    const text =
      "apiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\nbootstrapTokens:\n- token: ABCDEF.0123456789abcdef\n  usages: [signing, bogus]\n  groups: [admins]\n";
    expect(errorOf(text).message).toBe(
      '[bootstrapTokens.0.token: Invalid value: "ABCDEF.0123456789abcdef": the bootstrap token is invalid, bootstrapTokens.0.usages: Invalid value: []string{"signing", "bogus"}: invalid bootstrap token usage string: bogus, valid usage options: signing,authentication, bootstrapTokens.0.groups: Invalid value: []string{"admins"}: token groups cannot be specified unless --usages includes "authentication", bootstrapTokens.0.groups: Invalid value: []string{"admins"}: bootstrap group "admins" is invalid (must match \\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\\z)]',
    );
  });

  it("checks the advertise address before anything else is validated", () => {
    const text =
      "apiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\nlocalAPIEndpoint:\n  advertiseAddress: master1\n";
    expect(errorOf(text).message).toBe(
      'couldn\'t use "master1" as "apiserver-advertise-address", must be ipv4 or ipv6 address',
    );
  });
});

describe("v1beta4 (kubeadm 1.31) rules", () => {
  const v4 = (body: string) =>
    `apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.0\n${body}`;
  const load31 = (text: string) => loadInitConfiguration(text, { host, kubeadmMinor: 31 });

  it("requires a name on every extra argument and a known encryption algorithm", () => {
    try {
      load31(v4("encryptionAlgorithm: DSA\napiServer:\n  extraArgs:\n  - value: x\n"));
      expect.unreachable();
    } catch (e) {
      expect((e as KubeadmError).message).toBe(
        '[apiServer.extraArgs: Invalid value: "index 0": argument has no name, encryptionAlgorithm: Invalid value: "DSA": Invalid encryption algorithm "DSA". Must be one of [ECDSA-P256 RSA-2048 RSA-3072 RSA-4096]]',
      );
    }
  });

  it("defaults the algorithm to RSA-2048 and does not apply these rules to v1beta3", () => {
    expect(load31(v4("")).config.cluster.encryptionAlgorithm).toBe("RSA-2048");
    expect(
      loadInitConfiguration(CLUSTER("kubernetesVersion: v1.28.0\n"), { host }).config.cluster
        .encryptionAlgorithm,
    ).toBeUndefined();
  });
});
