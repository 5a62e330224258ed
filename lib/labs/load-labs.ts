// Reads and validates lab files (content/…/labs/<id>.yaml) with the content
// loader's `file:line: field: message` issues. The raw document is kept: each
// learner's copy is made from it by filling the `{{param}}` placeholders.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import type { ContentIssue } from "../content/content-error";
import { validateYaml } from "../content/validate-yaml";
import { definitionFor } from "./lab-definitions";
import { drawParams, placeholdersIn, substitute, type ParamValues } from "./params";
import { labSchema, paramSchema, type LabDefinition } from "./schema/lab-schema";

export interface LoadedLab {
  id: string;
  file: string;
  /** Course and session the lab belongs to (content folders). */
  courseId: string;
  sessionId: string;
  /** The parsed YAML before placeholders are filled. */
  raw: unknown;
  /** The definition with a sample learner's parameters, for listings. */
  sample: LabDefinition;
}

/** A fixed learner id for validation and listings; real learners get their own values. */
export const SAMPLE_USER = "sample-learner";

const paramsOnly = z.looseObject({
  id: z.string().optional(),
  params: z.record(z.string(), paramSchema).optional(),
});

function sampleParams(raw: unknown, labId: string): ParamValues {
  const parsed = paramsOnly.safeParse(raw);
  return parsed.success ? drawParams(SAMPLE_USER, labId, parsed.data.params ?? {}) : {};
}

/**
 * Validates one lab file; `expectedId` is the file name without `.yaml`, `file` the
 * path issues name (relative to the project), `absPath` where to read it.
 */
export function validateLabFile(
  absPath: string,
  file: string,
  expectedId: string,
): { ok: true; raw: unknown; sample: LabDefinition } | { ok: false; issues: ContentIssue[] } {
  const text = readFileSync(absPath, "utf8");
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 50 });
  } catch {
    raw = undefined; // validateYaml reports the syntax error with its line
  }
  const values = sampleParams(raw, expectedId);
  const schema = z.preprocess((input) => substitute(input, values), labSchema);
  const result = validateYaml(text, schema, file);
  if (!result.ok) return result;
  const issues: ContentIssue[] = [];
  if (result.value.id !== expectedId)
    issues.push({
      file,
      line: result.lineOf(["id"]),
      field: "id",
      message: `must equal the file name "${expectedId}"`,
    });
  const declared = new Set(Object.keys(result.value.params));
  for (const name of placeholdersIn(raw))
    if (!declared.has(name))
      issues.push({
        file,
        line: 1,
        field: "params",
        message: `{{${name}}} is used but not declared`,
      });
  if (issues.length) return { ok: false, issues };
  return { ok: true, raw, sample: result.value };
}

/** The lab as one learner sees and is graded on it. */
export function instantiateLab(
  lab: LoadedLab,
  userId: string,
): { def: LabDefinition; params: ParamValues } {
  const params = drawParams(userId, lab.id, lab.sample.params);
  return { def: definitionFor(lab, params), params };
}
