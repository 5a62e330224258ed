import { HttpError } from "./http-error";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function hostOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

// NEXTAUTH_URL's host, parsed once per value rather than once per request.
let configured: { url: string | undefined; host: string | null } | undefined;
function configuredHost(url: string | undefined): string | null {
  if (configured === undefined || configured.url !== url) configured = { url, host: hostOf(url) };
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
    const originHost = hostOf(origin); // "null" (sandboxed frames) parses to null
    // The candidates in order of cost; each is only computed if the previous ones differ.
    if (
      originHost &&
      (originHost === request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() ||
        originHost === request.headers.get("host") ||
        originHost === hostOf(request.url) ||
        originHost === configuredHost(process.env.NEXTAUTH_URL))
    ) {
      return;
    }
    throw new HttpError(403, "crossSite");
  }
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite === "same-origin") return;
  throw new HttpError(403, "crossSite");
}
