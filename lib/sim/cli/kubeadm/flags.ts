// kubeadm's command line (cobra + pflag): --flag=value, --flag value for string flags,
// bare bool flags, -f for reset's --force, --v=N. Values stay strings, as run-init's
// InitFlags expects them; an unknown flag is pflag's error.

import { CliError } from "../errors";

const BOOL = new Set([
  "dry-run",
  "upload-certs",
  "control-plane",
  "force",
  "skip-token-print",
  "skip-certificate-key-print",
  "discovery-token-unsafe-skip-ca-verification",
  "allow-experimental-api",
  "print-join-command",
  "yes",
  "help",
]);

const STRING = new Set([
  "config",
  "ignore-preflight-errors",
  "certificate-key",
  "token",
  "token-ttl",
  "ttl",
  "description",
  "usages",
  "groups",
  "discovery-token",
  "discovery-file",
  "discovery-token-ca-cert-hash",
  "tls-bootstrap-token",
  "node-name",
  "cri-socket",
  "apiserver-advertise-address",
  "apiserver-bind-port",
  "apiserver-cert-extra-sans",
  "cert-dir",
  "control-plane-endpoint",
  "kubernetes-version",
  "pod-network-cidr",
  "service-cidr",
  "service-dns-domain",
  "image-repository",
  "skip-phases",
  "feature-gates",
  "kubeconfig",
  "kubeconfig-dir",
  "rootfs",
  "log-file",
  "v",
  "output",
  "component-configs",
  "patches",
  "cleanup-tmp-dir",
]);

const SHORT: Record<string, string> = { f: "force", o: "output", v: "v" };

export interface KubeadmArgs {
  positional: string[];
  flags: Record<string, string | boolean>;
}

export function parseKubeadmArgs(args: readonly string[]): KubeadmArgs {
  const out: KubeadmArgs = { positional: [], flags: {} };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("-") || a === "-") {
      out.positional.push(a);
      continue;
    }
    const long = a.startsWith("--");
    const body = a.slice(long ? 2 : 1);
    const eq = body.indexOf("=");
    const rawName = eq < 0 ? body : body.slice(0, eq);
    const name = long ? rawName : SHORT[rawName];
    if (!name || (!BOOL.has(name) && !STRING.has(name)))
      throw new CliError(
        `unknown ${long ? "flag" : "shorthand flag"}: ${long ? `--${rawName}` : `'${rawName}' in ${a}`}\nTo see the stack trace of this error execute with --v=5 or higher`,
        1,
      );
    if (eq >= 0)
      out.flags[name] = BOOL.has(name) ? body.slice(eq + 1) !== "false" : body.slice(eq + 1);
    else if (BOOL.has(name)) out.flags[name] = true;
    else {
      const v = args[i + 1];
      if (v === undefined)
        throw new CliError(
          `flag needs an argument: --${name}\nTo see the stack trace of this error execute with --v=5 or higher`,
          1,
        );
      out.flags[name] = v;
      i++;
    }
  }
  // --v only sets klog's verbosity; it never changes what a command does.
  delete out.flags.v;
  return out;
}
