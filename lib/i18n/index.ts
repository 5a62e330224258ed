import { ko, type ErrorKey, type Messages } from "./messages-ko";

export type { ErrorKey, Messages };

// Add a locale by writing a file shaped like `Messages` and listing it here.
const catalogs = { ko } satisfies Record<string, Messages>;
export type Locale = keyof typeof catalogs;
export const defaultLocale: Locale = "ko";

export function messages(locale: Locale = defaultLocale): Messages {
  return catalogs[locale];
}

/** Replaces `{name}` placeholders; unknown placeholders stay visible so gaps are noticed. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

export function isErrorKey(value: unknown): value is ErrorKey {
  return typeof value === "string" && Object.hasOwn(ko.errors, value);
}

/** The text of an error key in the given locale. */
export function errorText(
  key: ErrorKey,
  params?: Record<string, string | number>,
  locale: Locale = defaultLocale,
): string {
  return format(messages(locale).errors[key], params);
}

const localeTags: Record<Locale, string> = { ko: "ko-KR" };

/**
 * Wall-clock time, 24-hour ("15:05": reads the same with or without full ICU). Servers pass the audience's zone (Korean
 * classrooms by default); browsers omit it to use the viewer's own.
 */
export function formatTime(date: Date, timeZone?: string, locale: Locale = defaultLocale): string {
  return new Intl.DateTimeFormat(localeTags[locale], {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(date);
}

export function formatDate(date: Date, timeZone?: string, locale: Locale = defaultLocale): string {
  return new Intl.DateTimeFormat(localeTags[locale], { dateStyle: "medium", timeZone }).format(
    date,
  );
}

/** The rate-limit message: minutes left (rounded up) and the time of day. */
export function rateLimitedText(retryAt: Date, now: Date, timeZone?: string): string {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
  return errorText("rateLimited", { minutes, time: formatTime(retryAt, timeZone) });
}

// Server-rendered dates use this zone; the course is taught in Korea.
export const SERVER_TIME_ZONE = process.env.KUBELAB_TIME_ZONE ?? "Asia/Seoul";
