type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Best-effort client address for rate limiting. `next start` fills
 * X-Forwarded-For with the socket address only when the client did not send
 * one, so a direct client can choose this value: the per-IP limit is a second
 * line; the per-email limit does not depend on it.
 */
export function clientIp(headers: HeaderSource): string | null {
  const forwarded = header(headers, "x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || header(headers, "x-real-ip")?.trim() || null;
}
