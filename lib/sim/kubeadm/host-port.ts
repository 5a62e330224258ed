// kubeadmutil.ParseHostPort: "host[:port]" where host is an IP or an RFC 1123 subdomain.
import { isDNS1123Subdomain } from "./dns-names";
import { parseIP } from "./net";

export interface HostPort {
  host: string;
  port: string;
  error: string | null;
}

/** net.SplitHostPort's happy path: "[v6]:port" or "host:port" with exactly one colon. */
function splitHostPort(hostport: string): { host: string; port: string } | null {
  if (hostport.startsWith("[")) {
    const m = /^\[([^\]]*)\]:([^:]*)$/.exec(hostport);
    return m ? { host: m[1]!, port: m[2]! } : null;
  }
  const parts = hostport.split(":");
  if (parts.length !== 2) return null;
  return { host: parts[0]!, port: parts[1]! };
}

export function parseHostPort(hostport: string): HostPort {
  const split = splitHostPort(hostport);
  const host = split ? split.host : hostport;
  const port = split ? split.port : "";
  if (port !== "") {
    const n = /^\d+$/.test(port) ? Number(port) : NaN;
    if (!(n >= 1 && n <= 65535)) {
      return {
        host: "",
        port: "",
        error: `hostport ${hostport}: port ${port} must be a valid number between 1 and 65535, inclusive`,
      };
    }
  }
  if (parseIP(host) || isDNS1123Subdomain(host).length === 0) return { host, port, error: null };
  return {
    host: "",
    port: "",
    error: `hostport ${hostport}: host '${host}' must be a valid IP address or a valid RFC-1123 DNS subdomain`,
  };
}

/** net.JoinHostPort: brackets around IPv6 hosts. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}
