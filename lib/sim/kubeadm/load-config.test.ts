import { describe, expect, it } from "vitest";
import { KubeadmError } from "./errors";
import { COURSE_HA_CONFIG, COURSE_HA_CONFIG_FIXED, HA_STACKED_CONFIG } from "./fixtures";
import { loadInitConfiguration, validateConfigFile, type HostFacts } from "./load-config";

const host: HostFacts = {
  hostname: "master1",
  ip: "192.168.56.10",
  generateToken: () => "w3x9kq.8c1n0v5z2m7p4r6t",
};

function loadError(text: string, strict = false): KubeadmError {
  try {
    loadInitConfiguration(text, { host, strict });
  } catch (e) {
    if (e instanceof KubeadmError) return e;
    throw e;
  }
  throw new Error("expected a KubeadmError");
}

const CLUSTER = (body: string) =>
  `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n${body}`;

describe("the course's HA example", () => {
  it("is rejected by `kubeadm config validate` because ClusterConfiguration has no metadata", () => {
    const r = validateConfigFile(COURSE_HA_CONFIG, { host });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe("strict");
    expect(r.error.exitCode).toBe(1);
    expect(r.error.toStderr()).toBe(
      'error unmarshaling configuration schema.GroupVersionKind{Group:"kubeadm.k8s.io", Version:"v1beta3", Kind:"ClusterConfiguration"}: strict decoding error: unknown field "metadata"\n' +
        "To see the stack trace of this error execute with --v=5 or higher\n",
    );
  });

  it("only warns during `kubeadm init`, which goes on with the rest of the file", () => {
    const { config, warnings } = loadInitConfiguration(COURSE_HA_CONFIG, { host });
    expect(warnings).toEqual([
      {
        source: "initconfiguration.go:306",
        message:
          'error unmarshaling configuration schema.GroupVersionKind{Group:"kubeadm.k8s.io", Version:"v1beta3", Kind:"ClusterConfiguration"}: strict decoding error: unknown field "metadata"',
      },
    ]);
    expect(config.cluster.etcd.external?.endpoints).toHaveLength(3);
    expect(config.cluster.etcd.local).toBeNull();
    expect(config.cluster.controlPlaneEndpoint).toBe("k8s-api.example.com:6443");
    expect(config.cluster.apiServer.extraArgs.map((a) => a.name)).toEqual([
      "audit-log-maxage",
      "audit-log-maxbackup",
      "audit-log-maxsize",
      "audit-log-path",
    ]);
    expect(config.nodeRegistration.name).toBe("master1");
    expect(config.localAPIEndpoint.advertiseAddress).toBe("192.168.56.10");
    expect(config.bootstrapTokens[0]?.token).toBe("w3x9kq.8c1n0v5z2m7p4r6t");
  });

  it("validates once metadata is removed", () => {
    expect(validateConfigFile(COURSE_HA_CONFIG_FIXED, { host })).toMatchObject({
      ok: true,
      stdout: "ok\n",
    });
  });

  it("accepts the stacked-etcd HA config and defaults local etcd", () => {
    const { config, warnings } = loadInitConfiguration(HA_STACKED_CONFIG, { host });
    expect(warnings).toEqual([]);
    expect(config.cluster.etcd.local?.dataDir).toBe("/var/lib/etcd");
    expect(config.nodeRegistration.taints).toEqual([
      { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" },
    ]);
  });
});

describe("strict decoding", () => {
  it("lists every unknown field in sorted, dotted form", () => {
    const e = validateConfigFile(
      CLUSTER("zeta: 1\napiServer:\n  timeoutForControlPlan: 4m\nmetadata: {}\n"),
      { host },
    );
    expect(e.ok ? "" : e.error.message).toBe(
      'error unmarshaling configuration schema.GroupVersionKind{Group:"kubeadm.k8s.io", Version:"v1beta3", Kind:"ClusterConfiguration"}: strict decoding error: unknown field "apiServer.timeoutForControlPlan", unknown field "metadata", unknown field "zeta"',
    );
  });

  it("names list indices in unknown-field paths", () => {
    const text =
      "apiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\nbootstrapTokens:\n- token: abcdef.0123456789abcdef\n  tll: 1h\n";
    const r = validateConfigFile(text, { host });
    expect(r.ok ? "" : r.error.message).toContain('unknown field "bootstrapTokens[0].tll"');
  });

  it("fails on a value of the wrong type, even outside strict mode", () => {
    const e = loadError(CLUSTER("apiServer:\n  extraArgs:\n    audit-log-maxage: 30\n"));
    expect(e.kind).toBe("decode");
    expect(e.message).toBe(
      "json: cannot unmarshal number into Go struct field APIServer.apiServer.extraArgs of type string",
    );
  });

  it("rejects v1beta4 in kubeadm 1.28 but reads it in 1.31", () => {
    const text = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n";
    expect(loadError(text).message).toBe(
      'no kind "ClusterConfiguration" is registered for version "kubeadm.k8s.io/v1beta4" in scheme "k8s.io/kubernetes/cmd/kubeadm/app/apis/kubeadm/scheme/scheme.go:31"',
    );
    const v4 = `${text}apiServer:\n  extraArgs:\n  - name: audit-log-path\n    value: /var/log/audit.log\n`;
    const { config } = loadInitConfiguration(v4, { host, kubeadmMinor: 31 });
    expect(config.cluster.apiServer.extraArgs).toEqual([
      { name: "audit-log-path", value: "/var/log/audit.log" },
    ]);
    // The v1beta3 map form is a type error in v1beta4.
    const mapForm = `${text}apiServer:\n  extraArgs:\n    audit-log-path: /x\n`;
    try {
      loadInitConfiguration(mapForm, { host, kubeadmMinor: 31 });
      expect.unreachable();
    } catch (e) {
      expect((e as KubeadmError).message).toBe(
        "json: cannot unmarshal object into Go struct field APIServer.apiServer.extraArgs of type []v1beta4.Arg",
      );
    }
  });
});

describe("apiVersion and kind", () => {
  it("requires both", () => {
    expect(loadError("kind: ClusterConfiguration\n").message).toBe(
      "invalid configuration for GroupVersionKind &{Group: Version: Kind:ClusterConfiguration}: kind and apiVersion is mandatory information that must be specified",
    );
  });

  it("refuses old API versions with the kubeadm release to migrate with", () => {
    expect(
      loadError("apiVersion: kubeadm.k8s.io/v1beta2\nkind: ClusterConfiguration\n").message,
    ).toBe(
      `your configuration file uses an old API spec: "kubeadm.k8s.io/v1beta2". Please use kubeadm v1.22 instead and run 'kubeadm config migrate --old-config old.yaml --new-config new.yaml', which will write the new, similar spec using a newer API version.`,
    );
  });

  it("refuses a kind given twice (an aggregate: validation exit code)", () => {
    const e = loadError(`${CLUSTER("")}---\n${CLUSTER("")}`);
    expect(e.message).toBe(
      'invalid configuration: kind "ClusterConfiguration" is specified twice in YAML file',
    );
    expect(e.exitCode).toBe(3);
  });

  it("needs an Init or Cluster configuration", () => {
    expect(
      loadError("apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n").message,
    ).toBe("no InitConfiguration or ClusterConfiguration kind was found in the YAML file");
  });

  it("reports YAML syntax errors with their line", () => {
    expect(loadError("apiVersion: kubeadm.k8s.io/v1beta3\nkind: [\n").message).toMatch(
      /^error converting YAML to JSON: yaml: line \d+: /,
    );
  });
});

describe("YAML 1.1 like go-yaml", () => {
  it("reads yes/on as booleans, as kubeadm does", () => {
    const text =
      "apiVersion: kubeadm.k8s.io/v1beta3\nkind: JoinConfiguration\ndiscovery:\n  bootstrapToken:\n    apiServerEndpoint: 192.168.56.10:6443\n    token: abcdef.0123456789abcdef\n    unsafeSkipCAVerification: yes\n";
    expect(validateConfigFile(text, { host })).toMatchObject({ ok: true });
  });
});

describe("timestamps", () => {
  it("keeps an RFC 3339 expiry a string, as go-yaml does", () => {
    const text =
      "apiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\nbootstrapTokens:\n- token: abcdef.0123456789abcdef\n  ttl: null\n  expires: 2026-11-27T05:00:00Z\n";
    const { config } = loadInitConfiguration(text, { host });
    expect(config.bootstrapTokens[0]).toMatchObject({ expires: "2026-11-27T05:00:00Z", ttl: "" });
  });
});

describe("duplicate keys", () => {
  const text =
    "apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nkubernetesVersion: v1.27.0\nkubernetesVersion: v1.28.0\nmetadata: {}\n";

  it("are a strict error for config validate, listed before unknown fields", () => {
    const r = validateConfigFile(text, { host });
    expect(r.ok ? "" : r.error.message).toBe(
      'error unmarshaling configuration schema.GroupVersionKind{Group:"kubeadm.k8s.io", Version:"v1beta3", Kind:"ClusterConfiguration"}: strict decoding error: error converting YAML to JSON: yaml: unmarshal errors:\n  line 4: key "kubernetesVersion" already set in map, unknown field "metadata"',
    );
  });

  it("keep the last value for init, with a warning", () => {
    const { config, warnings } = loadInitConfiguration(text, { host });
    expect(config.cluster.kubernetesVersion).toBe("v1.28.0");
    expect(warnings).toHaveLength(1);
  });
});
