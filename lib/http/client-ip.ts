type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * How many reverse proxies in front of the app append the address they saw to
 * X-Forwarded-For (KUBELAB_TRUSTED_PROXIES, default 0). Anything else in the
 * header was written by the client and proves nothing.
 */
export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.KUBELAB_TRUSTED_PROXIES ?? 0);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 10) : 0;
}

/**
 * The client address for per-IP limits and the audit, or null when it cannot be
 * known. `next start` fills X-Forwarded-For with the socket address only when the
 * request has none, and route handlers never see the socket: without trusted
 * proxies a client could name any address (and get someone else's address
 * locked out of sign-in), so we use none. With `hops` proxies that each append
 * the address they saw, the entry `hops` from the right is what the outermost
 * trusted proxy saw; everything left of it may be forged.
 */
export function clientIp(headers: HeaderSource, hops = trustedProxyHops()): string | null {
  if (hops <= 0) return null;
  const chain = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  // Fewer entries than proxies: a request that bypassed one of them (or a direct
  // one, which Next.js fills with the socket address): the first entry is all we have.
  const address = chain.length >= hops ? chain[chain.length - hops] : chain[0];
  return address && address.length <= 64 ? address : null;
}
