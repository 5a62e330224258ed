// A task's Korean Markdown instructions, rendered on the server (no Markdown code
// ships to the browser). Raw HTML in the source is not rendered: lab files are
// content, not markup. The text is parsed once per lab text, not per page view
// (lib/labs/instructions-markdown.ts): `names` are the learner's drawn names in it.

import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { instructionsTree } from "@/lib/labs/instructions-markdown";

export function TaskMarkdown({ source, names }: { source: string; names: readonly string[] }) {
  const hast = instructionsTree(source, names);
  return <div className="lab-markdown">{toJsxRuntime(hast, { Fragment, jsx, jsxs })}</div>;
}
