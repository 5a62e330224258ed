import type { Root } from "hast";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import type { SessionContent } from "../load-content";
import { parseMarkdown } from "../lesson-outline";
import { transformCodeBlocks, type LessonBlock } from "./code-blocks";
import { glossaryEntries, linkGlossaryTerms, type GlossaryEntry } from "./glossary";
import { assignHeadingIds, wrapSections } from "./sections";

export interface RenderedLesson {
  tree: Root;
  blocks: LessonBlock[];
  glossary: GlossaryEntry[];
}

const toHast = unified().use(remarkRehype);

/**
 * Markdown → HTML syntax tree, on the server: anchors, sections, highlighted
 * code with lab actions, diagram placeholders and glossary links. The page
 * turns the tree into React elements; the browser gets HTML, not a parser.
 */
export async function renderLesson(session: SessionContent): Promise<RenderedLesson> {
  const tree = (await toHast.run(parseMarkdown(session.body))) as Root;
  assignHeadingIds(tree, session.headings);
  const blocks = await transformCodeBlocks(tree, session.meta.labLinks);
  wrapSections(tree, new Set(session.meta.sections.map((s) => s.id)));
  const glossary = glossaryEntries(session.meta.keywords, session.headings);
  const keywordsSection = session.headings.find(
    (h) => h.depth === 2 && h.text === session.meta.keywordsHeading,
  );
  if (keywordsSection) linkGlossaryTerms(tree, keywordsSection.id, glossary);
  return { tree, blocks, glossary };
}
