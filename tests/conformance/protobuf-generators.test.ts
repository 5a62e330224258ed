// Every `kubectl create <generator>` of every kubectl binary on the machine, several
// of which send `application/vnd.kubernetes.protobuf` bodies (1.28: rolebindings;
// 1.32+: all of them): the object stored from a protobuf request must equal the one
// the web terminal's own `kubectl create` stores for the same arguments and the one
// stored when the same binary's generator output goes through the JSON path
// (`create … --dry-run=client -o json | kubectl create -f -`).

import { spawnSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTerminalCommand } from "@/lib/terminal/run-command";
import { kubectlBinaries, startLab, type Lab } from "./harness";

/** kubectl on PATH plus every kubectl.1.NN beside its target. */
function allBinaries(): { name: string; bin: string }[] {
  const first = kubectlBinaries()[0];
  if (!first) return [];
  const dir = path.dirname(realpathSync(first.bin));
  const out = [first];
  for (let minor = 27; minor <= 33; minor++) {
    const bin = path.join(dir, `kubectl.1.${minor}`);
    if (existsSync(bin)) out.push({ name: `kubectl.1.${minor}`, bin });
  }
  return out;
}

const binaries = allBinaries();
if (binaries.length === 0) console.warn("conformance: no kubectl binary found on PATH; skipping");

interface Generator {
  /** The `<kind>/<name>` (resource as kubectl prints it) and the create args. */
  resource: string;
  args: (name: string, ns: string) => string[];
  namespaced: boolean;
}

/** A key pair for `create secret tls`, written in beforeAll. */
let tlsFiles = { cert: "", key: "" };

const GENERATORS: Record<string, Generator> = {
  deployment: {
    resource: "deployment.apps",
    namespaced: true,
    args: (n) => ["deployment", n, "--image=nginx", "--replicas=0", "--port=80"],
  },
  configmap: {
    resource: "configmap",
    namespaced: true,
    args: (n) => ["configmap", n, "--from-literal=a=b"],
  },
  rolebinding: {
    resource: "rolebinding.rbac.authorization.k8s.io",
    namespaced: true,
    args: (n, ns) => [
      "rolebinding",
      n,
      "--role=reader",
      "--user=jane",
      `--serviceaccount=${ns}:bot`,
    ],
  },
  clusterrolebinding: {
    resource: "clusterrolebinding.rbac.authorization.k8s.io",
    namespaced: false,
    args: (n) => ["clusterrolebinding", n, "--clusterrole=view", "--group=devs"],
  },
  serviceaccount: {
    resource: "serviceaccount",
    namespaced: true,
    args: (n) => ["serviceaccount", n],
  },
  job: {
    resource: "job.batch",
    namespaced: true,
    args: (n) => ["job", n, "--image=busybox", "--", "date"],
  },
  role: {
    resource: "role.rbac.authorization.k8s.io",
    namespaced: true,
    args: (n) => ["role", n, "--verb=get,list", "--resource=pods,deployments.apps"],
  },
  clusterrole: {
    resource: "clusterrole.rbac.authorization.k8s.io",
    namespaced: false,
    args: (n) => ["clusterrole", n, "--verb=get", "--non-resource-url=/healthz"],
  },
  quota: {
    resource: "resourcequota",
    namespaced: true,
    args: (n) => ["quota", n, "--hard=pods=2,requests.cpu=500m", "--scopes=NotTerminating"],
  },
  priorityclass: {
    resource: "priorityclass.scheduling.k8s.io",
    namespaced: false,
    // value 0 is the case where protobuf (writes 0) and JSON (`json:"value"`) must agree.
    args: (n) => ["priorityclass", n, "--value=0", "--description=low"],
  },
  ingress: {
    resource: "ingress.networking.k8s.io",
    namespaced: true,
    args: (n) => ["ingress", n, "--class=nginx", "--rule=foo.com/bar=svc:8080,tls=cert"],
  },
  poddisruptionbudget: {
    resource: "poddisruptionbudget.policy",
    namespaced: true,
    args: (n) => ["poddisruptionbudget", n, "--selector=app=web", "--min-available=50%"],
  },
  "secret generic": {
    resource: "secret",
    namespaced: true,
    args: (n) => ["secret", "generic", n, "--from-literal=a=b"],
  },
  "secret docker-registry": {
    resource: "secret",
    namespaced: true,
    args: (n) => [
      "secret",
      "docker-registry",
      n,
      "--docker-server=r.example",
      "--docker-username=u",
      "--docker-password=p",
    ],
  },
  "secret tls": {
    resource: "secret",
    namespaced: true,
    args: (n) => ["secret", "tls", n, `--cert=${tlsFiles.cert}`, `--key=${tlsFiles.key}`],
  },
  "service clusterip": {
    resource: "service",
    namespaced: true,
    args: (n) => ["service", "clusterip", n, "--tcp=80:8080"],
  },
  "service nodeport": {
    resource: "service",
    namespaced: true,
    args: (n) => ["service", "nodeport", n, "--tcp=80:8080"],
  },
  "service loadbalancer": {
    resource: "service",
    namespaced: true,
    args: (n) => ["service", "loadbalancer", n, "--tcp=80:8080"],
  },
  "service externalname": {
    resource: "service",
    namespaced: true,
    args: (n) => ["service", "externalname", n, "--external-name=example.com"],
  },
};

/** Flags after the generator's own args but before a `--` (the job's command follows it). */
function withFlags(args: string[], flags: string[]): string[] {
  const dash = args.indexOf("--");
  return dash < 0 ? [...args, ...flags] : [...args.slice(0, dash), ...flags, ...args.slice(dash)];
}

const TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g;

/** The stored object minus what differs between two creations of the same object. */
function comparable(json: string, opts: { templateTimestamp?: boolean } = {}): unknown {
  const obj = JSON.parse(json) as {
    metadata: { uid: string; managedFields?: { manager: string }[] } & Record<string, unknown>;
    spec?: { clusterIP?: string; clusterIPs?: string[]; ports?: { nodePort?: number }[] };
    status?: unknown;
  };
  // The uid also appears in the job's controller-uid labels and selector.
  const text = JSON.stringify(obj).split(obj.metadata.uid).join("<uid>").replace(TIME, "<time>");
  const out = JSON.parse(text) as typeof obj;
  delete out.metadata.resourceVersion;
  // Only the creator's entry: controllers (job status) write theirs on their own schedule.
  out.metadata.managedFields = out.metadata.managedFields?.filter((e) =>
    e.manager.startsWith("kubectl"),
  );
  delete out.status;
  if (opts.templateTimestamp === false) {
    const template = (out.spec as { template?: { metadata?: Record<string, unknown> } } | undefined)
      ?.template;
    if (template?.metadata?.creationTimestamp === null) delete template.metadata.creationTimestamp;
  }
  if (out.spec) {
    // Allocated per creation.
    if (out.spec.clusterIP && out.spec.clusterIP !== "None") out.spec.clusterIP = "<ip>";
    if (out.spec.clusterIPs) out.spec.clusterIPs = out.spec.clusterIPs.map(() => "<ip>");
    for (const p of out.spec.ports ?? []) if (p.nodePort) p.nodePort = 1;
  }
  return out;
}

describe.skipIf(binaries.length === 0)("kubectl create generators (protobuf bodies)", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
    tlsFiles = { cert: path.join(lab.dir, "tls.crt"), key: path.join(lab.dir, "tls.key") };
    const openssl = spawnSync("openssl", [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=foo.com",
      "-keyout",
      tlsFiles.key,
      "-out",
      tlsFiles.cert,
    ]);
    expect(openssl.status).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await lab?.close();
  });

  for (const { name: binName, bin } of binaries) {
    const tag = binName.replace(/\D/g, "") || "path";
    const ns = `pb-${tag}`;
    it(`${binName}: each generator creates its object, equal to the JSON-path object`, async () => {
      const k = (args: string[], stdin?: string) =>
        lab.kubectl(args, { bin, ...(stdin !== undefined ? { stdin } : {}) });
      expect((await k(["create", "namespace", ns])).code).toBe(0);
      expect(
        (await k(["create", "role", "reader", "--verb=get", "--resource=pods", "-n", ns])).code,
      ).toBe(0);
      const protobufSent: string[] = [];
      const terminalGaps: string[] = [];
      for (const [gen, g] of Object.entries(GENERATORS)) {
        const name = `${gen.replace(/ /g, "-")}-${tag}`;
        const nsArgs = g.namespaced ? ["-n", ns] : [];
        const ref = `${g.resource}/${name}`;
        const created = await k(["create", ...withFlags(g.args(name, ns), [...nsArgs, "-v=8"])]);
        const errors = created.stderr.split("\n").filter((l) => /^(error|Error from)/.test(l));
        expect({ gen, code: created.code, stdout: created.stdout, errors }).toEqual({
          gen,
          code: 0,
          stdout: `${ref} created\n`,
          errors: [],
        });
        if (/Content-Type: application\/vnd\.kubernetes\.protobuf/.test(created.stderr)) {
          protobufSent.push(gen);
        }
        const get = () => k(["get", ref, ...nsArgs, "-o", "json", "--show-managed-fields"]);
        const viaProtobuf = await get();
        expect({ gen, code: viaProtobuf.code, stderr: viaProtobuf.stderr }).toEqual({
          gen,
          code: 0,
          stderr: "",
        });
        expect((await k(["delete", ref, ...nsArgs])).code).toBe(0);
        // JSON bodies are the REST face's long-standing path: nothing more to compare.
        if (!protobufSent.includes(gen)) continue;

        const term = await runTerminalCommand(
          lab.sandboxId,
          `kubectl create ${withFlags(g.args(name, ns), nsArgs).join(" ")}`,
        );
        // Where the terminal lacks the generator (or a flag of it), the JSON path below
        // is the reference.
        if (term.exitCode !== 0) terminalGaps.push(`${gen}: ${term.stderr.split("\n")[0]}`);
        else {
          expect({ gen, out: term.stdout }).toEqual({ gen, out: `${ref} created\n` });
          const viaTerminal = await get();
          expect((await k(["delete", ref, ...nsArgs])).code).toBe(0);
          // The terminal's generators leave out the pod template's `creationTimestamp: null`
          // that real kubectl's JSON carries (and kube-apiserver prints): not compared here.
          const loose = { templateTimestamp: false };
          expect({ gen, object: comparable(viaProtobuf.stdout, loose) }).toEqual({
            gen,
            object: comparable(viaTerminal.stdout, loose),
          });
        }

        const dry = await k([
          "create",
          ...withFlags(g.args(name, ns), [...nsArgs, "--dry-run=client", "-o", "json"]),
        ]);
        expect({ gen, code: dry.code, stderr: dry.stderr, out: dry.stdout.slice(0, 1) }).toEqual({
          gen,
          code: 0,
          stderr: "",
          out: "{",
        });
        const again = await k(["create", "-f", "-", ...nsArgs], dry.stdout);
        expect({ gen, code: again.code, stdout: again.stdout + again.stderr }).toEqual({
          gen,
          code: 0,
          stdout: `${ref} created\n`,
        });
        const viaJson = await get();
        expect((await k(["delete", ref, ...nsArgs])).code).toBe(0);
        expect({ gen, object: comparable(viaProtobuf.stdout) }).toEqual({
          gen,
          object: comparable(viaJson.stdout),
        });
      }

      // TokenRequest on serviceaccounts/<name>/token (kubectl create token).
      expect((await k(["create", "serviceaccount", "bot", "-n", ns])).code).toBe(0);
      const token = await k(["create", "token", "bot", "-n", ns, "--duration=10m", "-v=8"]);
      const tokenErrors = token.stderr.split("\n").filter((l) => l.startsWith("error:"));
      // The body must be understood (no 415 "unknown format"), whatever the engine answers.
      expect(tokenErrors.join("\n")).not.toMatch(/unknown format|unsupported media type/i);
      // Served (serviceaccounts/<name>/token): kubectl prints the JWT, with no newline when
      // its stdout is not a terminal (as here).
      expect({ code: token.code, errors: tokenErrors }).toEqual({ code: 0, errors: [] });
      expect(token.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      if (/Content-Type: application\/vnd\.kubernetes\.protobuf/.test(token.stderr)) {
        protobufSent.push("token");
      }
      // Generators outside the comparison above: created, never a 415.
      for (const args of [
        // Served by the engine (stored, not run on schedule).
        ["cronjob", `cj-${tag}`, "--image=busybox", "--schedule=* * * * *"],
      ]) {
        const r = await k(["create", ...args, "-n", ns]);
        expect({ args, code: r.code, unknownFormat: /unknown format/.test(r.stderr) }).toEqual({
          args,
          code: 0,
          unknownFormat: false,
        });
      }
      console.info(`${binName} sent protobuf for: ${protobufSent.join(", ") || "none"}`);
      if (terminalGaps.length) console.info(`terminal lacks: ${terminalGaps.join("; ")}`);
      // Measured: the 1.28 dispatcher sends RBAC bindings as protobuf, 1.32+ everything.
      if (binName === "kubectl") expect(protobufSent).toContain("rolebinding");
      if (/^kubectl\.1\.3[23]$/.test(binName)) {
        expect(protobufSent).toEqual([...Object.keys(GENERATORS), "token"]);
      }
      await k(["delete", "namespace", ns, "--wait=false"]);
    }, 600_000);
  }
});
