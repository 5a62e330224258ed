/**
 * Where to go after sign-in/up. Only same-site paths are allowed, so a link
 * like /signin?callbackUrl=https://evil.example cannot bounce users elsewhere.
 */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  // "//host" and "/\host" are protocol-relative URLs in browsers.
  if (value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f]/.test(value)) return fallback;
  // Do not send people back to the auth pages they just finished.
  if (/^\/(signin|signup)(\/|\?|$)/.test(value)) return fallback;
  return value;
}
