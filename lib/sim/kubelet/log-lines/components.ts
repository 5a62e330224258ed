// Start-up logs of the kubeadm cluster's components, in each one's real format: klog text for
// kube-apiserver, kube-scheduler, kube-controller-manager and kube-proxy, zap JSON for etcd,
// CoreDNS's banner. Only the first lines a 1.28 component writes while it starts (the ones a
// learner sees at the top of `kubectl logs`); the simulator does not model their later chatter.
import { SERVER_VERSION_INFO } from "../../version";
import { klog, zapTime } from "./klog";
import type { LogLine, RunContext } from "./types";

type Flags = Record<string, string>;

/** --name=value flags of a container's command. */
export function commandFlags(parts: readonly string[]): Flags {
  const out: Flags = {};
  for (const p of parts) {
    const m = /^--([^=]+)=(.*)$/.exec(p);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

const VERSION = SERVER_VERSION_INFO.gitVersion;
const GO_SETTINGS = `"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""`;

function stamped(start: number, entries: [string, string, string][]): LogLine[] {
  // A few milliseconds apart, as a process writes them while starting.
  return entries.map(([sev, src, msg], i) => ({
    at: start + 40 + i * 7,
    text: klog(sev as "I" | "W", start + 40 + i * 7, src, msg),
  }));
}

function apiServer(ctx: RunContext, f: Flags): LogLine[] {
  const addr = f["advertise-address"] ?? ctx.podIP;
  const port = f["secure-port"] ?? "6443";
  return stamped(ctx.startedAt, [
    ["I", "options.go:220", `external host was not specified, using ${addr}`],
    ["I", "server.go:148", `Version: ${VERSION}`],
    ["I", "server.go:150", GO_SETTINGS],
    ["I", "shared_informer.go:311", "Waiting for caches to sync for node_authorizer"],
    ["I", "secure_serving.go:213", `Serving securely on [::]:${port}`],
    ["I", "shared_informer.go:318", "Caches are synced for node_authorizer"],
    ["I", "controller.go:624", "quota admission added evaluator for: namespaces"],
  ]);
}

function leaderLines(name: string): [string, string, string][] {
  return [
    ["I", "leaderelection.go:250", `attempting to acquire leader lease kube-system/${name}...`],
    ["I", "leaderelection.go:260", `successfully acquired lease kube-system/${name}`],
  ];
}

function scheduler(ctx: RunContext, f: Flags): LogLine[] {
  const bind = f["bind-address"] ?? "127.0.0.1";
  return stamped(ctx.startedAt, [
    ["I", "serving.go:348", "Generated self-signed cert in-memory"],
    ["I", "server.go:154", `"Starting Kubernetes Scheduler" version="${VERSION}"`],
    ["I", "server.go:156", GO_SETTINGS],
    ["I", "secure_serving.go:210", `Serving securely on ${bind}:10259`],
    ["I", "tlsconfig.go:240", `"Starting DynamicServingCertificateController"`],
    ...leaderLines("kube-scheduler"),
  ]);
}

function controllerManager(ctx: RunContext, f: Flags): LogLine[] {
  const bind = f["bind-address"] ?? "127.0.0.1";
  return stamped(ctx.startedAt, [
    ["I", "serving.go:348", "Generated self-signed cert in-memory"],
    ["I", "controllermanager.go:189", `"Starting" version="${VERSION}"`],
    ["I", "controllermanager.go:191", GO_SETTINGS],
    ["I", "secure_serving.go:210", `Serving securely on ${bind}:10257`],
    ["I", "tlsconfig.go:240", `"Starting DynamicServingCertificateController"`],
    ...leaderLines("kube-controller-manager"),
  ]);
}

function kubeProxy(ctx: RunContext): LogLine[] {
  return stamped(ctx.startedAt, [
    ["I", "server_others.go:69", `"Using iptables proxy"`],
    ["I", "node.go:141", `Successfully retrieved node IP: ${ctx.podIP}`],
    ["I", "server.go:632", `"Version info" version="${VERSION}"`],
    ["I", "server.go:634", GO_SETTINGS],
    ["I", "server_others.go:152", `"Using iptables Proxier"`],
    ["I", "config.go:188", `"Starting service config controller"`],
    ["I", "shared_informer.go:311", "Waiting for caches to sync for service config"],
    ["I", "shared_informer.go:318", "Caches are synced for service config"],
  ]);
}

function etcd(ctx: RunContext, parts: readonly string[], f: Flags): LogLine[] {
  const list = (v: string | undefined) => (v ? v.split(",") : []);
  const entries: Record<string, unknown>[] = [
    { caller: "etcdmain/etcd.go:73", msg: "Running: ", args: parts },
    {
      caller: "embed/etcd.go:127",
      msg: "configuring peer listeners",
      "listen-peer-urls": list(f["listen-peer-urls"]),
    },
    {
      caller: "embed/etcd.go:135",
      msg: "configuring client listeners",
      "listen-client-urls": list(f["listen-client-urls"]),
    },
    {
      caller: "embed/etcd.go:309",
      msg: "starting an etcd server",
      "etcd-version": "3.5.9",
      "data-dir": f["data-dir"] ?? "/var/lib/etcd",
      "member-initialized": false,
      name: f.name ?? ctx.nodeName,
    },
    ...list(f["listen-client-urls"]).map((u) => ({
      caller: "embed/serve.go:250",
      msg: "serving client traffic securely",
      "traffic-type": "grpc+http",
      address: u.replace(/^https?:\/\//, ""),
    })),
  ];
  return entries.map((e, i) => {
    const at = ctx.startedAt + 20 + i * 5;
    return { at, text: JSON.stringify({ level: "info", ts: zapTime(at), ...e }) };
  });
}

function coredns(ctx: RunContext, tag: string): LogLine[] {
  const at = ctx.startedAt + 30;
  return [".:53", `CoreDNS-${tag.replace(/^v/, "")}`, "linux/amd64, go1.20, 055b2c3"].map(
    (text) => ({ at, text }),
  );
}

/** The start-up lines of a known component image, or undefined for any other image. */
export function componentLines(
  image: string,
  tag: string,
  parts: readonly string[],
  ctx: RunContext,
): LogLine[] | undefined {
  const f = commandFlags(parts);
  switch (image) {
    case "kube-apiserver":
      return apiServer(ctx, f);
    case "kube-scheduler":
      return scheduler(ctx, f);
    case "kube-controller-manager":
      return controllerManager(ctx, f);
    case "kube-proxy":
      return kubeProxy(ctx);
    case "etcd":
      return etcd(ctx, parts, f);
    case "coredns":
      return coredns(ctx, tag);
    default:
      return undefined;
  }
}
