import type { Element, Root } from "hast";
import { createHighlighterCore, type HighlighterCore } from "shiki/core";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";

// Only the languages the lessons use, with the JavaScript regex engine: no WASM
// to load in the server bundle, and nothing of shiki ever reaches the browser.
const LANGS = ["yaml", "bash"] as const;
export type HighlightLang = (typeof LANGS)[number];
export const LIGHT_THEME = "github-light-default";
export const DARK_THEME = "github-dark-default";

let highlighter: Promise<HighlighterCore> | undefined;

function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [
      import("shiki/themes/github-light-default.mjs"),
      import("shiki/themes/github-dark-default.mjs"),
    ],
    langs: [import("shiki/langs/yaml.mjs"), import("shiki/langs/bash.mjs")],
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

export function isHighlightLang(lang: string | null): lang is HighlightLang {
  return lang !== null && (LANGS as readonly string[]).includes(lang);
}

/**
 * Highlights code into a `<pre class="shiki">` element. Colours come as CSS
 * variables for both themes (--shiki-light / --shiki-dark) so the stylesheet
 * picks one per colour scheme without JavaScript.
 */
export async function highlightToHast(code: string, lang: HighlightLang): Promise<Element> {
  const h = await getHighlighter();
  const root: Root = h.codeToHast(code, {
    lang,
    themes: { light: LIGHT_THEME, dark: DARK_THEME },
    defaultColor: false,
  });
  const pre = root.children.find((n): n is Element => n.type === "element" && n.tagName === "pre");
  if (!pre) throw new Error("shiki returned no <pre>");
  return pre;
}
