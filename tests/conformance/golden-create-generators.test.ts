// Golden tests for the rest of kubectl create's generators (issue 5): service
// nodeport/loadbalancer/externalname, secret tls/docker-registry, --from-file,
// priorityclass, ingress, cronjob and token. The REAL kubectl against the sandbox's REST
// face and the web terminal's kubectl, on the same sandbox and the same files, must
// print the same: client dry runs byte for byte, kubectl's own flag checks, and each
// generator's wording of the server's errors (a second create of the same name).

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runTerminalCommand } from "@/lib/terminal/run-command";
import { saveWorkspaceFile } from "@/lib/workspace";
import { kubectlBinaries, seedLab, startLab, type Lab } from "./harness";

const binaries = kubectlBinaries();
if (binaries.length === 0) console.warn("conformance: no kubectl binary found on PATH; skipping");

/** Tokens and their expiry differ by the second they were issued. */
const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g;
const TIMESTAMP = /"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/g;
const normalize = (text: string) => text.replace(JWT, "<jwt>").replace(TIMESTAMP, "<time>");

const GOLDEN: string[] = [
  // create service: every type, its own flags and checks.
  "create service nodeport np --tcp=80:8080 --node-port=30080 --dry-run=client -o yaml",
  "create service nodeport np --tcp=80:http,443 --dry-run=client -o yaml",
  "create service loadbalancer lb --tcp=80 --dry-run=client -o yaml",
  "create service nodeport np --tcp=80:8080 --node-port=30080 --dry-run=client -o json",
  "create service externalname ex --external-name=example.com --dry-run=client -o json",
  "create svc loadbalancer lb --tcp=5678:8080 --dry-run=client -o yaml",
  "create service externalname ex --external-name=example.com --dry-run=client -o yaml",
  "create service externalname ex --external-name=example.com --tcp=80 --dry-run=client -o yaml",
  "create service clusterip hl --clusterip=None --dry-run=client -o yaml",
  "create service clusterip c --clusterip=10.96.0.50 --tcp=80:http --dry-run=client -o yaml",
  "-n kube-system create service nodeport nsx --tcp=80 --dry-run=client -o yaml",
  "create service externalname ex --external-name=Bad_Name",
  "create service externalname ex",
  "create service nodeport np --clusterip=None",
  "create service loadbalancer lb",
  "create service nodeport np --tcp=abc",
  "create service nodeport np --tcp=70000",
  "create service clusterip c --tcp=80:Bad_Name",
  "create service clusterip c --tcp=80:0",
  "create service bogus x",
  "create service",
  "create service nodeport np-name --tcp=80 -o name",
  // create secret tls / docker-registry / generic with files.
  "create secret tls tls1 --cert=tls.crt --key=tls.key --dry-run=client -o yaml",
  "create secret tls tls1 --cert=tls.crt --key=tls.key --dry-run=client -o json",
  "create secret tls t --cert=tls.crt",
  "create secret tls t",
  "create secret tls t --cert=tls.crt --key=other.key",
  "create secret tls t --cert=nope.crt --key=tls.key",
  "create secret tls t --cert=tls.key --key=tls.crt",
  "create secret tls t --cert=tls.crt --key=tls.crt",
  "create secret tls t --cert=cfg.json --key=tls.key",
  "create secret tls t --cert=tls.crt --key=tls.key --from-literal=a=b",
  "create secret docker-registry reg --docker-username=u --docker-password=p --docker-email=e@x.com --dry-run=client -o yaml",
  "create secret docker-registry reg --docker-username=u --docker-password=p --docker-server=r.io --dry-run=client -o json",
  "create secret docker-registry reg --from-file=.dockerconfigjson=cfg.json --dry-run=client -o yaml",
  "create secret docker-registry reg --docker-username=u",
  "create secret generic g --from-file=cfg.json --from-literal=a=b --dry-run=client -o yaml",
  "create secret generic g --from-file=key=cfg.json --dry-run=client -o yaml",
  "create secret generic g --from-file=nope",
  "create secret generic g --from-literal=a=b --from-literal=a=c",
  "create secret generic g --type=kubernetes.io/basic-auth --from-literal=username=u --dry-run=client -o yaml",
  "create secret generic g --dry-run=client -o yaml",
  "create configmap c --from-file=cfg.json --dry-run=client -o yaml",
  "create configmap c --from-file=nope",
  "create secret bogus x",
  "create secret",
  // create priorityclass.
  "create priorityclass high --value=1000 --description=hi --global-default --preemption-policy=Never --dry-run=client -o yaml",
  "create pc low --dry-run=client -o yaml",
  "create pc low --value=7 --description=x --dry-run=client -o json",
  "create priorityclass bad --value=x",
  "create priorityclass",
  // create ingress.
  "create ingress simple --rule=foo.com/bar=svc1:8080,tls=my-cert --dry-run=client -o yaml",
  "create ingress ing --class=default --rule=foo.com/*=svc:http --default-backend=defaultsvc:http --annotation=a=b --rule=/path=svc2:80 --dry-run=client -o yaml",
  "create ingress multi --rule=foo.com/=svc:port --rule=foo.com/admin/=svcadmin:portadmin --rule=bar.com/*=svc2:http,tls --rule=baz.com/*=svc2:http,tls --dry-run=client -o yaml",
  "create ing catch --default-backend=web:80 --dry-run=client -o yaml",
  "create ingress j --class=nginx --rule=foo.com/*=svc:80,tls=s --annotation=a=b --dry-run=client -o json",
  "create ingress ing",
  "create ingress ing --rule=foo",
  "create ingress ing --rule=foo.com=svc:80",
  "create ingress ing --default-backend=bad",
  "create ingress ing --rule=foo.com/x=svc:80 --annotation=novalue",
  "create ingress a b --rule=foo.com/x=svc:80",
  // create cronjob: batch/v1 cronjobs are served (stored and listed; not run on schedule yet).
  "create cronjob cj --image=busybox --schedule=@hourly --dry-run=client -o yaml -- date",
  "create cj cj --image=busybox --schedule=@hourly --restart=Never --dry-run=client -o yaml",
  "create cronjob cj --image=busybox --schedule=@daily --dry-run=client -o json -- sh -c date",
  "create cronjob cj --image=busybox",
  "create cronjob cj",
  "create cronjob tick --image=busybox --schedule=@hourly",
  "create cj tick --image=busybox --schedule=@hourly --restart=Never -o name -- date",
  // The server's schedule and name checks (robfig/cron's wording), as both faces print them.
  "create cronjob bad --image=busybox --schedule=@fortnightly",
  "create cronjob bad --image=busybox --schedule=*/1",
  "create cronjob bad --image=busybox --schedule=60/5",
  "create cronjob bad --image=busybox --schedule=@hourly --restart=Always",
  "create cronjob a-name-that-is-much-too-long-for-the-jobs-it-would-spawn --image=busybox --schedule=@daily",
  // The flags every generator shares: --save-config (not read by create service), --append-hash.
  "create role r3 --verb=get --resource=pods --save-config --dry-run=client -o yaml",
  "create clusterrole cr3 --verb=get --resource=pods,deployments.apps --save-config --dry-run=client -o yaml",
  "create deployment d3 --image=nginx --save-config --dry-run=client -o yaml",
  "create service clusterip s3 --tcp=80 --save-config --dry-run=client -o yaml",
  "create configmap c3 --from-literal=a=b --append-hash --save-config --dry-run=client -o yaml",
  "create secret generic s3 --from-literal=a=b --append-hash --dry-run=client -o yaml",
  "create configmap c3 --from-env-file=app.env --dry-run=client -o yaml",
  "create configmap c3 --from-env-file=app.env --from-literal=x=y",
  "create clusterrole agg --aggregation-rule=rbac.example.com/aggregate-to-monitoring=true --dry-run=client -o yaml",
  "create clusterrole agg --aggregation-rule=a=b --verb=get",
  "create deployment d3 --image=nginx:1.25 --port=80 --replicas=3 --dry-run=client -o yaml -- sleep 10",
  "create deployment d3 --image=nginx --image=redis --dry-run=client -o yaml -- sleep 1",
  "create configmap hashed --from-literal=a=b --append-hash",
  // Each generator registers its own flags; an unknown word is an unknown command of create.
  "create namespace x --image=y",
  "create job j --image=busybox --replicas=2",
  "create configmap c --tcp=80",
  "create deployment d --image=nginx -f x.yaml",
  "create token robot --dry-run=client",
  "create -f x.yaml --image=b",
  "create bogus x",
  "create",
  // create quota: name=quantity pairs, canonical quantities; deployment container names.
  "create quota q --hard=pods --dry-run=client -o yaml",
  "create quota q --hard=pods=abc --dry-run=client -o yaml",
  "create quota q --hard=cpu=1000m,memory=1024Mi,pods=1e3 --dry-run=client -o yaml",
  "create quota q --hard= --dry-run=client -o yaml",
  "create deployment d --image=registry:5000/team/app:1.0 --image=nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef --dry-run=client -o yaml",
  // Server dry runs: the server checks the object, nothing is stored.
  "create priorityclass sdr --value=1 --dry-run=server",
  "create ingress sdr --rule=a.com/x=web:80 --dry-run=server",
  "create secret tls sdr --cert=tls.crt --key=tls.key --dry-run=server",
  "create service nodeport sdr --tcp=80 --node-port=80 --dry-run=server",
  "create deployment sdr --image=nginx --save-config --dry-run=server -o name",
  // create job --from: kubectl's checks, then the builder's lookup of the CronJob.
  "create job manual --from=cronjob/tick",
  "create job manual --from=cronjob/tick --image=busybox",
  "create job manual --from=cronjob/tick -- date",
  "create job manual",
  // create token: kubectl's checks, then the TokenRequest subresource.
  "create token nope",
  "create token robot --duration=1m",
  "create token robot --duration=10",
  "create token robot --duration=1500ms",
  "create token robot --duration=-1h",
  "create token robot --bound-object-kind=Node --bound-object-name=x",
  "create token robot --bound-object-name=x",
  "create token robot --bound-object-kind=Secret",
  "create token robot --bound-object-kind=Secret --bound-object-name=nope",
  "create token robot --bound-object-kind=Secret --bound-object-name=sec --bound-object-uid=123",
  "create token robot --audience=",
  "create token robot -o yaml",
  "create token robot -o yaml --duration=2h --audience=a --audience=b",
  "create token robot -o json --bound-object-kind=Secret --bound-object-name=sec",
];

/** A second create of the same object: each generator words AlreadyExists its own way. */
const TWICE = [
  "create service nodeport web-np --tcp=80",
  "create service loadbalancer web-lb --tcp=80",
  "create service externalname web-ex --external-name=example.com",
  "create secret tls shop-tls --cert=tls.crt --key=tls.key",
  "create secret docker-registry regcred --docker-username=u --docker-password=p",
  "create priorityclass important --value=100",
  "create ingress shop --rule=shop.example.com/*=web:80,tls=shop-tls",
];

describe.skipIf(binaries.length === 0)("golden: kubectl create generators", () => {
  let lab: Lab;
  let owner: { ownerId: string; workspace: string };
  const terminal = (command: string) =>
    runTerminalCommand(lab.sandboxId, `kubectl ${command}`, {}, undefined, { owner });
  const real = (command: string) => lab.kubectl(command.split(" "), { cwd: lab.dir });

  beforeAll(async () => {
    lab = await startLab();
    const sandbox = await db().sandbox.findUniqueOrThrow({ where: { id: lab.sandboxId } });
    owner = { ownerId: sandbox.ownerId!, workspace: "sandbox" };
    // One TLS pair and a stray key, made by openssl, in the lab dir (the real kubectl's
    // cwd) and in the learner's workspace (the terminal's home).
    const make = (name: string, cn: string) =>
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "1",
          "-subj",
          `/CN=${cn}`,
          "-keyout",
          path.join(lab.dir, `${name}.key`),
          "-out",
          path.join(lab.dir, `${name}.crt`),
        ],
        { stdio: "ignore" },
      );
    make("tls", "shop.example.com");
    make("other", "other");
    execFileSync("sh", ["-c", `printf '{"auths":{}}\\n' > ${path.join(lab.dir, "cfg.json")}`]);
    execFileSync("sh", [
      "-c",
      `printf 'A=1\\n# note\\n  B=two words\\n' > ${path.join(lab.dir, "app.env")}`,
    ]);
    for (const f of ["tls.crt", "tls.key", "other.key", "cfg.json", "app.env"])
      await saveWorkspaceFile(
        owner.ownerId,
        "sandbox",
        f,
        readFileSync(path.join(lab.dir, f), "utf8"),
      );
    await seedLab(lab, [
      "create serviceaccount robot",
      "create secret generic sec --from-literal=a=b",
    ]);
  }, 90_000);
  afterAll(async () => {
    await lab?.close();
  });

  it.each(GOLDEN)("kubectl %s", async (command) => {
    // Objects the command creates are deleted after, so both faces start from the same state.
    const emulated = await terminal(command);
    await cleanUp(command, emulated.stdout);
    const wanted = await real(command);
    await cleanUp(command, wanted.stdout);
    expect({
      code: emulated.exitCode,
      stdout: normalize(emulated.stdout),
      stderr: normalize(emulated.stderr),
    }).toEqual({
      code: wanted.code,
      // kubectl create token ends the token with a newline only on a terminal (the lab's is one).
      stdout: normalize(
        command.startsWith("create token") && !command.includes(" -o ") && wanted.code === 0
          ? `${wanted.stdout}\n`
          : wanted.stdout,
      ),
      stderr: normalize(wanted.stderr),
    });
  });

  it.each(TWICE)("kubectl %s (twice)", async (command) => {
    await real(command);
    const wanted = await real(command);
    const emulated = await terminal(command);
    expect(wanted.code).toBe(1);
    expect({ code: emulated.exitCode, stderr: emulated.stderr }).toEqual({
      code: wanted.code,
      stderr: wanted.stderr,
    });
  });

  it("a created CronJob is listed and described alike by both faces", async () => {
    const t = await terminal(`create cronjob tick --image=busybox --schedule="*/1 * * * *"`);
    expect({ code: t.exitCode, stdout: t.stdout, stderr: t.stderr }).toEqual({
      code: 0,
      stdout: "cronjob.batch/tick created\n",
      stderr: "",
    });
    const r = await lab.kubectl(
      ["create", "cronjob", "tock", "--image=busybox", "--schedule=*/5 * * * *", "--", "date"],
      { cwd: lab.dir },
    );
    expect(r).toMatchObject({ code: 0, stdout: "cronjob.batch/tock created\n" });
    try {
      // Defaults as SetDefaults_CronJob fills them.
      const fields = await real(
        "get cronjob tick -o jsonpath={.spec.schedule},{.spec.concurrencyPolicy},{.spec.suspend},{.spec.successfulJobsHistoryLimit},{.spec.failedJobsHistoryLimit}",
      );
      expect(fields.stdout).toBe("*/1 * * * *,Allow,false,3,1");
      // Updates pass the update rules (job template metadata immutable, spec re-validated).
      const suspend = '{"spec":{"suspend":true}}';
      expect((await terminal(`patch cronjob tick -p '${suspend}'`)).stdout).toBe(
        "cronjob.batch/tick patched\n",
      );
      expect((await lab.kubectl(["patch", "cronjob", "tock", "-p", suspend])).stdout).toBe(
        "cronjob.batch/tock patched\n",
      );
      const rename = '{"spec":{"jobTemplate":{"metadata":{"name":"x"}}}}';
      const renamed = await terminal(`patch cj tick -p '${rename}'`);
      const wantedRename = await lab.kubectl(["patch", "cj", "tick", "-p", rename]);
      // The server's cause is the same on both faces; the terminal's patch words an Invalid
      // Status as "Error from server (Invalid): ..." where kubectl says "The CronJob ... is
      // invalid: ..." (lib/sim/cli/kubectl/api.ts serverError, all kinds alike).
      const cause = 'spec.jobTemplate.metadata.name: Invalid value: "x": field is immutable\n';
      expect(wantedRename).toMatchObject({
        code: 1,
        stderr: `The CronJob "tick" is invalid: ${cause}`,
      });
      expect(renamed.exitCode).toBe(1);
      expect(renamed.stderr.endsWith(`CronJob.batch "tick" is invalid: ${cause}`)).toBe(true);
      for (const command of [
        "get cronjob",
        "get cj -o wide",
        "get cronjobs.batch tock -o name",
        "get cronjob tick -o jsonpath={.spec.concurrencyPolicy},{.spec.suspend},{.spec.successfulJobsHistoryLimit},{.spec.failedJobsHistoryLimit},{.status}",
        "get all -o name",
        "describe cronjob tick",
        "describe cj tock",
      ]) {
        const emulated = await terminal(command);
        const wanted = await real(command);
        // The two lists are a second apart: AGE may differ by one, and "9s" against "10s"
        // also moves the columns after it (seen under load), so runs of spaces count as one.
        const age = (text: string) => text.replace(/\b\d+s\b/g, "<age>").replace(/ {2,}/g, "  ");
        expect({ command, code: emulated.exitCode, stdout: age(emulated.stdout) }).toEqual({
          command,
          code: wanted.code,
          stdout: age(wanted.stdout),
        });
      }
      // The server's own checks reach both faces with kube-apiserver's wording.
      const bad = await terminal(`create cronjob bad --image=busybox --schedule="*/1 * * *"`);
      expect(bad.stderr).toBe(
        'error: failed to create cronjob: CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "*/1 * * *": expected exactly 5 fields, found 4: [*/1 * * *]\n',
      );
      // No controller runs the schedule; a Job can still be made from the template by hand.
      const manual = await terminal("create job manual --from=cronjob/tick");
      expect(manual.stdout).toBe("job.batch/manual created\n");
      const owner = await real("get job manual -o jsonpath={.metadata.ownerReferences[0].kind}");
      expect(owner.stdout).toBe("CronJob");
    } finally {
      await lab.kubectl(["delete", "job", "manual", "--ignore-not-found", "--wait=false"]);
      await lab.kubectl(["delete", "cronjob", "tick", "tock", "--wait=false"]);
    }
  });

  it("create token prints a JWT whose claims are the service account's, as the real kubectl gets them", async () => {
    const claims = (token: string) =>
      JSON.parse(Buffer.from(token.trim().split(".")[1]!, "base64url").toString()) as Record<
        string,
        unknown
      >;
    const emulated = claims((await terminal("create token robot --duration=2h")).stdout);
    const wanted = claims((await real("create token robot --duration=2h")).stdout);
    expect(Object.keys(emulated)).toEqual(Object.keys(wanted));
    expect(emulated["kubernetes.io"]).toEqual(wanted["kubernetes.io"]);
    expect(emulated.sub).toBe("system:serviceaccount:default:robot");
    expect(Number(emulated.exp) - Number(emulated.iat)).toBe(7200);
    expect(wanted.aud).toEqual(["https://kubernetes.default.svc.cluster.local"]);
  });

  /** Deletes what a create made ("<kind>/<name> created", or -o name's "<kind>/<name>"). */
  async function cleanUp(command: string, stdout: string) {
    if (command.includes("--dry-run") || TWICE.includes(command)) return;
    const made = /^([\w.]+\/[\w.-]+)(?: created)?$/m.exec(stdout.trim());
    if (made) await lab.kubectl(["delete", made[1]!, "--ignore-not-found", "--wait=false"]);
  }
});
