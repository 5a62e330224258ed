import { HttpError } from "./http-error";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function parseHost(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

// The host of each Origin value seen: a site's requests carry the same few values (its
// origin, sometimes "null"), and every terminal command checks one. Parsing a URL per
// request showed in the lane's profile. Bounded: emptied when it reaches MAX_HOSTS, so
// a client sending ever-new origins costs a parse each, as before, and no memory.
const MAX_HOSTS = 256;
const hosts = new Map<string, string | null>();

function originHost(origin: string): string | null {
  let host = hosts.get(origin);
  if (host === undefined) {
    host = parseHost(origin);
    if (hosts.size >= MAX_HOSTS) hosts.clear();
    hosts.set(origin, host);
  }
  return host;
}

// NEXTAUTH_URL's host, parsed once per value rather than once per request.
let configured: { url: string | undefined; host: string | null } | undefined;
function configuredHost(url: string | undefined): string | null {
  if (configured === undefined || configured.url !== url)
    configured = { url, host: parseHost(url) };
  return configured.host;
}

/**
 * Refuses state-changing requests that a browser sent from another site (CSRF).
 * Browsers send `Origin` on every cross-origin and on same-origin non-GET
 * fetches; it must name this site's host (as the request reached us, via
 * X-Forwarded-Host behind a proxy, or NEXTAUTH_URL). Without Origin we fall
 * back to Sec-Fetch-Site, and with neither we refuse: our own pages always
 * send one of them, so only non-browser clients are affected.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const origin = request.headers.get("origin");
  if (origin !== null) {
    const host = originHost(origin); // "null" (sandboxed frames) parses to null
    // The candidates in order of cost; each is only computed if the previous ones differ.
    if (
      host &&
      (host === request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() ||
        host === request.headers.get("host") ||
        host === parseHost(request.url) ||
        host === configuredHost(process.env.NEXTAUTH_URL))
    ) {
      return;
    }
    throw new HttpError(403, "crossSite");
  }
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite === "same-origin") return;
  throw new HttpError(403, "crossSite");
}
