// The official nginx image's output: its entrypoint's configuration notices, the master's
// start-up notices, then one access log line per request - in the simulator the only
// requests an nginx container gets are the kubelet's httpGet probes ("kube-probe/1.28").
import { asNumber, asObj, asString, type Obj } from "../../controllers/shared/fields";
import { MAX_LINES_PER_RUN, type LogLine, type RunContext } from "./types";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number) => String(n).padStart(2, "0");

function errorLogTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ` +
    `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`
  );
}

function accessLogTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`
  );
}

function startup(at: number): LogLine[] {
  const ep = "/docker-entrypoint.sh";
  const notice = (m: string) => `${errorLogTime(at)} [notice] 1#1: ${m}`;
  return [
    `${ep}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`,
    `${ep}: Looking for shell scripts in /docker-entrypoint.d/`,
    `${ep}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`,
    "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
    "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
    `${ep}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`,
    `${ep}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`,
    `${ep}: Configuration complete; ready for start up`,
    notice(`using the "epoll" event method`),
    notice("start worker processes"),
  ].map((text) => ({ at, text }));
}

/** The gateway of the pod's subnet: where the kubelet's probes come from. */
function probeSource(podIP: string): string {
  const parts = podIP.split(".");
  return parts.length === 4 ? `${parts.slice(0, 3).join(".")}.1` : podIP;
}

function probeLines(container: Obj, ctx: RunContext): LogLine[] {
  const out: LogLine[] = [];
  for (const key of ["startupProbe", "livenessProbe", "readinessProbe"]) {
    const probe = asObj(container[key]);
    const http = asObj(probe.httpGet);
    if (!probe.httpGet) continue;
    const path = asString(http.path, "/");
    const period = Math.max(1, asNumber(probe.periodSeconds, 10)) * 1000;
    const first = ctx.startedAt + asNumber(probe.initialDelaySeconds) * 1000;
    if (first > ctx.endAt) continue;
    const count = Math.floor((ctx.endAt - first) / period) + 1;
    const from = Math.max(0, count - MAX_LINES_PER_RUN);
    const ok = path === "/" || path === "/index.html";
    const status = ok ? "200 615" : "404 153";
    for (let k = from; k < count; k++) {
      const at = first + k * period;
      out.push({
        at,
        text: `${probeSource(ctx.podIP)} - - [${accessLogTime(at)}] "GET ${path} HTTP/1.1" ${status} "-" "kube-probe/1.28" "-"`,
      });
    }
  }
  return out;
}

export function nginxLines(container: Obj, ctx: RunContext): LogLine[] {
  const start = startup(ctx.startedAt);
  return [...start, ...probeLines(container, ctx)];
}
