// Validates every file under content/ and prints a one-line summary, or every
// problem as `file:line: field: message`. For start-up and CI:
//   npx tsx lib/content/check-content.ts        (exit code 1 on invalid content)
// or `import { checkContent } from "@/lib/content/check-content"` in a script.
import { pathToFileURL } from "node:url";
import { ContentValidationError } from "./content-error";
import { loadContent } from "./load-content";

/** Throws ContentValidationError listing every problem; returns a summary otherwise. */
export function checkContent(contentRoot?: string): string {
  const courses = loadContent(contentRoot);
  const sessions = courses.reduce((n, c) => n + c.sessions.length, 0);
  return `content ok: ${courses.length} course(s), ${sessions} session(s)`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(checkContent());
  } catch (error) {
    if (!(error instanceof ContentValidationError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
