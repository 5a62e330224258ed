import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { formatFieldPath, type ContentIssue } from "./content-error";

export type YamlValidation<T> =
  | { ok: true; value: T; lineOf: (path: readonly PropertyKey[]) => number }
  | { ok: false; issues: ContentIssue[] };

/**
 * Parses YAML and validates it with a zod schema, mapping every problem to the
 * line of the offending field. `firstLine` is the file line where `text` starts
 * (front matter starts on line 2 of a lesson file).
 */
export function validateYaml<S extends z.ZodType>(
  text: string,
  schema: S,
  file: string,
  firstLine = 1,
): YamlValidation<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toFileLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;

  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({
        file,
        line: toFileLine(e.pos[0]),
        field: "(yaml)",
        message: e.message.split("\n")[0] ?? e.message,
      })),
    };
  }

  const lineOf = (path: readonly PropertyKey[]) => lineOfPath(doc, path, toFileLine, firstLine);
  const result = schema.safeParse(doc.toJS({ maxAliasCount: 50 }));
  if (!result.success) {
    return {
      ok: false,
      issues: result.error.issues.flatMap((issue) =>
        // An unknown key is reported on its own line, not on its parent's.
        issue.code === "unrecognized_keys"
          ? issue.keys.map((key) => ({
              file,
              line: lineOf([...issue.path, key]),
              field: formatFieldPath([...issue.path, key]),
              message: "unknown field",
            }))
          : [
              {
                file,
                line: lineOf(issue.path),
                field: formatFieldPath(issue.path),
                message: issue.message,
              },
            ],
      ),
    };
  }
  return { ok: true, value: result.data, lineOf };
}

// A missing field has no node: report the line of its closest existing parent.
function lineOfPath(
  doc: Document,
  path: readonly PropertyKey[],
  toFileLine: (offset: number) => number,
  firstLine: number,
): number {
  for (let len = path.length; len > 0; len--) {
    const node: unknown = doc.getIn(path.slice(0, len) as unknown[], true);
    if (isNode(node) && node.range) return toFileLine(node.range[0]);
  }
  return firstLine;
}
