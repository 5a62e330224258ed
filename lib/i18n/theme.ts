// Theme preference, stored in a cookie so the server renders the right
// data-theme on <html> (no flash, no inline script needed).
export const THEME_COOKIE = "kubelab-theme";
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export function parseTheme(value: string | undefined | null): Theme {
  return (THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : "system";
}
