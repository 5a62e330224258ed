// The shell's own commands on the control-plane host: cat/ls of the virtual
// filesystem, echo, clear, history (help is in help.ts), and the log views the lesson
// uses (journalctl -u kubelet, the audit log, tcpdump of port 6443).

import type { AuditEvent } from "../../apiserver/audit/event";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { ok } from "../types";
import { fileView, HOME } from "../files";
import { hostFiles } from "./host";

function normalize(path: string): string {
  const parts: string[] = [];
  for (const p of path.split("/")) {
    if (!p || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return `/${parts.join("/")}`;
}

async function auditLines(ctx: CommandContext): Promise<string[]> {
  const state = await ctx.env.state();
  return state.journal.audit.map((e: AuditEvent) => JSON.stringify(e));
}

export async function cat(argv: readonly string[], ctx: CommandContext): Promise<CommandResult> {
  if (argv.length === 1) return ok(ctx.stdin);
  const { files, dirs } = await fileView(ctx);
  let stdout = "";
  let stderr = "";
  for (const a of argv.slice(1)) {
    const path = normalize(a.startsWith("/") ? a : `/root/${a}`);
    if (path === "/var/log/audit.log")
      stdout += (await auditLines(ctx)).map((l) => `${l}\n`).join("");
    else if (files[path] !== undefined) stdout += files[path];
    else if (dirs.includes(path) || Object.keys(files).some((f) => f.startsWith(`${path}/`)))
      stderr += `cat: ${a}: Is a directory\n`;
    else stderr += `cat: ${a}: No such file or directory\n`;
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

export async function ls(argv: readonly string[], ctx: CommandContext): Promise<CommandResult> {
  const long = argv.some((a) => /^-[a-zA-Z]*l/.test(a));
  const targets = argv.slice(1).filter((a) => !a.startsWith("-"));
  const { files, dirs } = await fileView(ctx);
  const all = [...Object.keys(files), "/var/log/audit.log", "/var/log/pods", "/var/log/containers"];
  let stdout = "";
  let stderr = "";
  for (const a of targets.length ? targets : [HOME]) {
    const path = normalize(a.startsWith("/") ? a : `/root/${a}`);
    if (files[path] !== undefined || path === "/var/log/audit.log") {
      stdout += `${long ? "-rw-r--r-- 1 root root " : ""}${a}\n`;
      continue;
    }
    const children = new Set<string>();
    for (const f of [...all, ...dirs])
      if (f.startsWith(`${path}/`)) children.add(f.slice(path.length + 1).split("/")[0]!);
    if (!children.size && !dirs.includes(path)) {
      stderr += `ls: cannot access '${a}': No such file or directory\n`;
      continue;
    }
    if (targets.length > 1) stdout += `${a}:\n`;
    const names = [...children].sort();
    stdout += long
      ? names
          .map(
            (n) =>
              `${files[`${path}/${n}`] !== undefined ? "-rw-------" : "drwxr-xr-x"} 1 root root ${n}\n`,
          )
          .join("")
      : names.length
        ? `${names.join("  ")}\n`
        : "";
  }
  return { stdout, stderr, exitCode: stderr ? 2 : 0 };
}

export function echo(argv: readonly string[]): CommandResult {
  const noNewline = argv[1] === "-n";
  const words = argv.slice(noNewline ? 2 : 1);
  return ok(`${words.join(" ")}${noNewline ? "" : "\n"}`);
}

export function history(ctx: CommandContext): CommandResult {
  return ok(ctx.session.history.map((h, i) => `${String(i + 1).padStart(5)}  ${h}\n`).join(""));
}

/** tail of a file: only the audit log is a real file here. */
export async function tailFile(
  argv: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult | undefined> {
  const file = argv.slice(1).find((a) => !a.startsWith("-") && !/^\d+$/.test(a));
  if (!file) return undefined;
  if (normalize(file) !== "/var/log/audit.log") {
    const { files } = await fileView(ctx);
    const content = files[normalize(file)];
    if (content === undefined)
      throw new CliError(`tail: cannot open '${file}' for reading: No such file or directory`);
    return ok(content.split("\n").slice(-11).join("\n"));
  }
  const lines = await auditLines(ctx);
  const nIdx = argv.indexOf("-n");
  const n = nIdx >= 0 ? Number(argv[nIdx + 1]) : 10;
  return ok(
    lines
      .slice(-n)
      .map((l) => `${l}\n`)
      .join(""),
  );
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function syslogTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** journalctl -u kubelet: the kubelet's requests to the API server from the audit log, as klog lines. */
export async function journalctl(
  argv: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const unitIdx = argv.findIndex((a) => a === "-u" || a.startsWith("--unit"));
  const unit =
    unitIdx >= 0
      ? argv[unitIdx]!.includes("=")
        ? argv[unitIdx]!.split("=")[1]
        : argv[unitIdx + 1]
      : undefined;
  if (unit !== "kubelet" && unit !== "kubelet.service")
    throw new CliError(`이 실습 터미널의 journalctl은 -u kubelet 만 지원합니다.`, 1);
  const state = await ctx.env.state();
  const { host } = hostFiles(state);
  const events = state.journal.audit.filter((e) => e.user.username.startsWith("system:node:"));
  let stdout = `-- Logs begin at ${syslogTime(state.time - 3600_000)} UTC. --\n`;
  for (const e of events) {
    const node = e.user.username.slice("system:node:".length);
    stdout += `${syslogTime(Date.parse(e.stageTimestamp))} ${node} kubelet[1023]: I0000 ${e.verb} ${e.requestURI} ${e.responseStatus?.code ?? ""}\n`;
  }
  if (!events.length)
    stdout += `${syslogTime(state.time)} ${host} kubelet[1023]: (최근 kubelet 요청 없음)\n`;
  return ok(stdout);
}

/** tcpdump -i any port 6443 -n: one summary line per simulated API request. */
export async function tcpdump(
  argv: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  if (!argv.includes("6443"))
    throw new CliError(
      "이 실습 터미널의 tcpdump는 API 서버 포트만 보여 줍니다: tcpdump -i any port 6443 -n",
      1,
    );
  const state = await ctx.env.state();
  const { host } = hostFiles(state);
  const apiIP = state.world?.machines[host]?.ip ?? "192.168.56.10";
  let stdout =
    "tcpdump: data link type LINUX_SLL2\ntcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes\n";
  for (const e of state.journal.audit) {
    const t = new Date(Date.parse(e.stageTimestamp)).toISOString().slice(11, 23) + "000";
    const src = e.sourceIPs[0] ?? "127.0.0.1";
    stdout += `${t} eth0  In  IP ${src}.${40000 + (e.auditID.charCodeAt(0) % 2000)} > ${apiIP}.6443: Flags [P.], ${e.verb.toUpperCase()} ${e.requestURI} (${e.user.username}) → ${e.responseStatus?.code ?? ""}\n`;
  }
  return { stdout, stderr: `(시뮬레이션: 요청마다 한 줄로 요약합니다)\n`, exitCode: 0 };
}
