// Typed errors of the content loader. Every issue names the file, the line and
// the field, so an author can fix a mistake without reading the loader.

export interface ContentIssue {
  /** Path relative to the project root, e.g. content/kubernetes/course.yaml */
  file: string;
  /** 1-based line in that file; 1 when the mistake is about the file as a whole */
  line: number;
  /** Dotted field path such as `sections[2].minutes`, or `(file)` / `(body)` */
  field: string;
  message: string;
}

export function formatIssue(issue: ContentIssue): string {
  return `${issue.file}:${issue.line}: ${issue.field}: ${issue.message}`;
}

export class ContentValidationError extends Error {
  readonly issues: readonly ContentIssue[];

  constructor(issues: readonly ContentIssue[]) {
    super(
      `Invalid content (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n` +
        issues.map((i) => `  ${formatIssue(i)}`).join("\n"),
    );
    this.name = "ContentValidationError";
    this.issues = issues;
  }
}

/** Formats a zod/YAML path the way authors read it: `a.b[2].c`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(root)" : out;
}
