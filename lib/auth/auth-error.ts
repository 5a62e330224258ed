import type { ErrorKey } from "@/lib/i18n";

// Expected failures of account operations. lib/http/error-response.ts maps them
// to HTTP statuses; next-auth's sign-in receives `code` (see authorize-credentials.ts).
export type AuthErrorCode =
  | "emailTaken"
  | "invalidCredentials"
  | "rateLimited"
  | "currentPasswordWrong"
  | "cannotDemoteSelf"
  | "lastAdmin"
  | "userNotFound"
  | "unauthenticated"
  | "forbidden";

export class AuthError extends Error {
  override readonly name = "AuthError";

  constructor(
    readonly code: AuthErrorCode & ErrorKey,
    /** For `rateLimited`: the moment another attempt will be considered. */
    readonly retryAt?: Date,
  ) {
    super(code);
  }
}
