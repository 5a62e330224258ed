// What a container "does" in the simulator, decided from its image and command
// (the simulator runs no processes). The convention, documented for lab authors:
//
// - an image name containing "crash"                       → exits with code 1 after 1 s
// - a command/args containing `exit N`                      → exits with code N after 1 s
// - `sleep infinity`, `tail -f`, `while true`               → runs until stopped
// - `sleep N`                                               → exits 0 after N s
// - a shell or one-shot utility command (sh -c ..., echo, date, env, perl, python ...)
//                                                           → exits 0 after 1 s
// - any other command (a server binary: kube-apiserver, etcd, nginx ...) → runs until stopped
// - no command, shell images (busybox, alpine, ubuntu ...)  → exits 0 at once (as in Kubernetes,
//   a Deployment of plain busybox goes into CrashLoopBackOff with reason Completed)
// - no command, any other image (nginx, redis, httpd ...)   → runs until stopped
// - an image whose name contains "doesnotexist" or "no-such-image", or whose tag is
//   "doesnotexist", cannot be pulled (ErrImagePull → ImagePullBackOff)
// - probes: an exec probe running `false`/`exit 1`, or an httpGet probe whose path contains
//   "fail", fails; every other probe succeeds.

import { asArray, asObj, asString, type Obj } from "../controllers/shared/fields";

export interface Behaviour {
  /** Milliseconds from start to exit; Infinity when it runs until stopped. */
  readonly runMs: number;
  readonly exitCode: number;
  readonly pullable: boolean;
}

const ONE_SHOT = new Set([
  "sh",
  "bash",
  "ash",
  "echo",
  "date",
  "env",
  "printenv",
  "true",
  "ls",
  "cat",
  "perl",
  "python",
  "python3",
  "hostname",
  "uname",
  "whoami",
  "id",
  "nslookup",
  "wget",
  "curl",
]);
const SHELL_IMAGES = new Set(["busybox", "alpine", "ubuntu", "debian", "centos", "fedora", "bash"]);

export function imageBase(image: string): string {
  const noDigest = image.split("@")[0]!;
  const lastSlash = noDigest.lastIndexOf("/");
  const nameTag = noDigest.slice(lastSlash + 1);
  return nameTag.split(":")[0]!;
}

export function imageTag(image: string): string {
  const noDigest = image.split("@")[0]!;
  const nameTag = noDigest.slice(noDigest.lastIndexOf("/") + 1);
  const i = nameTag.indexOf(":");
  return i < 0 ? "latest" : nameTag.slice(i + 1);
}

export function commandText(container: Obj): string {
  const parts = [...asArray(container.command), ...asArray(container.args)].map((p) => String(p));
  return parts.join(" ");
}

/** Per container object: decoded specs are shared and never change (every sync asks again). */
const behaviours = new WeakMap<Obj, Behaviour>();
/** Per image, for containers without command or args (most): a Deployment's pods share one. */
const byImage = new Map<string, Behaviour>();

export function containerBehaviour(container: Obj): Behaviour {
  let b = behaviours.get(container);
  if (!b) {
    const plain = container.command === undefined && container.args === undefined;
    const image = asString(container.image);
    b = plain ? byImage.get(image) : undefined;
    if (!b) {
      b = behaviourOf(container);
      if (plain) {
        if (byImage.size >= 1000) byImage.clear();
        byImage.set(image, b);
      }
    }
    behaviours.set(container, b);
  }
  return b;
}

function behaviourOf(container: Obj): Behaviour {
  const image = asString(container.image);
  const pullable = !/doesnotexist|no-such-image/.test(image) && imageTag(image) !== "doesnotexist";
  const cmd = commandText(container);
  if (/crash/i.test(image)) return { runMs: 1000, exitCode: 1, pullable };
  const exit = /\bexit\s+(\d+)/.exec(cmd);
  if (exit) return { runMs: 1000, exitCode: Number(exit[1]) % 256, pullable };
  if (/sleep\s+(infinity|inf)\b|tail\s+-f|while\s+(true|:)/.test(cmd))
    return { runMs: Infinity, exitCode: 0, pullable };
  const sleep = /\bsleep\s+(\d+)/.exec(cmd);
  if (sleep) return { runMs: Number(sleep[1]) * 1000, exitCode: 0, pullable };
  if (cmd.trim() !== "") {
    const first = cmd.trim().split(/\s+/)[0]!.split("/").pop()!;
    if (ONE_SHOT.has(first)) return { runMs: 1000, exitCode: 0, pullable };
    return { runMs: Infinity, exitCode: 0, pullable };
  }
  if (SHELL_IMAGES.has(imageBase(image))) return { runMs: 100, exitCode: 0, pullable };
  return { runMs: Infinity, exitCode: 0, pullable };
}

/** Probe outcome by the convention above. */
export function probeFails(probe: unknown): boolean {
  const p = asObj(probe);
  const exec = asArray(asObj(p.exec).command).map(String).join(" ");
  if (/^\s*false\s*$|\bexit\s+[1-9]/.test(exec)) return true;
  return asString(asObj(p.httpGet).path).includes("fail");
}

/** Virtual pull time: 1-4 s, fixed per image so runs are repeatable. */
export function pullDurationMs(image: string): number {
  let h = 0;
  for (let i = 0; i < image.length; i++) h = (h * 31 + image.charCodeAt(i)) >>> 0;
  return 1000 + (h % 3000);
}
