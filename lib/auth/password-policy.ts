import type { ErrorKey } from "@/lib/i18n";

// The rule shown to users (messages.auth.passwordRule) must match these numbers.
export const PASSWORD_MIN_LENGTH = 10;
// argon2 hashes any length, but an upper bound stops multi-megabyte "passwords"
// from tying up the hashing threads.
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Returns the first way a new password breaks the policy, or null when it is
 * acceptable. Length counts Unicode code points, so Korean passwords are not
 * penalised or favoured by their UTF-16 length.
 */
export function passwordProblem(password: string, email?: string): ErrorKey | null {
  const length = [...password].length;
  if (length === 0) return "passwordRequired";
  if (length < PASSWORD_MIN_LENGTH) return "passwordTooShort";
  if (length > PASSWORD_MAX_LENGTH) return "passwordTooLong";
  if (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)) return "passwordNeedsLetterAndDigit";
  const localPart = email?.split("@")[0]?.toLowerCase();
  // Short local parts ("a@x.io") would forbid too many passwords for no gain.
  if (localPart && localPart.length >= 4 && password.toLowerCase().includes(localPart)) {
    return "passwordContainsEmail";
  }
  return null;
}
