import { errorText } from "@/lib/i18n";
import type { ErrorBody } from "./error-response";

export type SendResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; message: string; fields: Record<string, string> };

/**
 * Browser-side JSON request to one of our routes. Returns the server's Korean
 * message and per-field errors instead of throwing, so forms can show them.
 */
export async function sendJson<T = unknown>(
  url: string,
  method: "POST" | "PATCH" | "PUT" | "DELETE",
  body: unknown,
): Promise<SendResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, status: 0, message: errorText("network"), fields: {} };
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Non-JSON (e.g. a proxy's error page): fall through to the generic message.
  }
  if (response.ok) return { ok: true, data: parsed as T };
  const error = (parsed as Partial<ErrorBody> | null)?.error;
  return {
    ok: false,
    status: response.status,
    message:
      error?.message ??
      errorText(response.status === 413 ? "bodyTooLarge" : "internal", { limit: "16KB" }),
    fields: error?.fields ?? {},
  };
}
