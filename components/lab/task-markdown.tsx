// A task's Korean Markdown instructions, rendered on the server (no Markdown code
// ships to the browser). Raw HTML in the source is not rendered: lab files are
// content, not markup.

import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype);

export function TaskMarkdown({ source }: { source: string }) {
  const hast = processor.runSync(processor.parse(source));
  return <div className="lab-markdown">{toJsxRuntime(hast, { Fragment, jsx, jsxs })}</div>;
}
