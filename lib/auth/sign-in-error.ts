import { errorText, rateLimitedText } from "@/lib/i18n";

// OAuth failure codes next-auth v4 puts in `?error=` on the sign-in page.
const OAUTH_ERRORS = new Set([
  "OAuthSignin",
  "OAuthCallback",
  "OAuthCreateAccount",
  "OAuthAccountNotLinked",
  "AccessDenied",
  "Callback",
]);

/**
 * Korean text for the error string next-auth hands back after a failed
 * sign-in: our own codes from authorize() (see auth-options.ts), with the
 * retry time for rate limits, or next-auth's built-in codes. null when there
 * is no error.
 */
export function signInErrorMessage(
  error: string | null | undefined,
  now: Date = new Date(),
  timeZone?: string,
): string | null {
  if (!error) return null;
  const limited = /^rateLimited:(\d+)$/.exec(error);
  if (limited) return rateLimitedText(new Date(Number(limited[1])), now, timeZone);
  if (error === "invalidCredentials" || error === "CredentialsSignin") {
    return errorText("invalidCredentials");
  }
  if (OAUTH_ERRORS.has(error)) return errorText("oauthFailed");
  return errorText("internal");
}
