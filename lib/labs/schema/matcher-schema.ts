// How a check compares a value it read from the cluster: one operator per matcher,
// as authors write them in lab YAML (`equals: 5`, `regex: "^nginx"`, `gte: 3`).
import { z } from "zod";

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** A value read from the cluster at grading time (e.g. who holds the scheduler's Lease). */
export const valueRefSchema = z.strictObject({
  resource: z.string().min(1),
  group: z.string().default(""),
  namespace: z.string().optional(),
  name: z.string().min(1),
  /** kubectl JSONPath of the value, e.g. `spec.holderIdentity`. */
  path: z.string().min(1),
  /** A regex whose first group is kept (holderIdentity "master2_4f…" → "master2"). */
  capture: z.string().optional(),
});

const operators = {
  equals: scalar.optional(),
  equalsRef: valueRefSchema.optional(),
  notEquals: scalar.optional(),
  oneOf: z.array(scalar).min(1).optional(),
  contains: scalar.optional(),
  regex: z.string().min(1).optional(),
  gt: z.number().optional(),
  gte: z.number().optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
  exists: z.boolean().optional(),
};

export const OPERATORS = Object.keys(operators) as (keyof typeof operators)[];

function exactlyOneOperator(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const present = OPERATORS.filter((k) => value[k] !== undefined);
  if (present.length !== 1)
    ctx.addIssue({
      code: "custom",
      message: `exactly one of ${OPERATORS.join(", ")} is required (found ${present.length})`,
    });
  if (typeof value.regex === "string") {
    try {
      new RegExp(value.regex);
    } catch {
      ctx.addIssue({ code: "custom", path: ["regex"], message: "not a valid regular expression" });
    }
  }
}

export const matcherSchema = z.strictObject(operators).superRefine(exactlyOneOperator);

/** A field of an object (kubectl JSONPath, e.g. `spec.replicas`) and how it must look. */
export const fieldMatchSchema = z
  .strictObject({ path: z.string().min(1), ...operators })
  .superRefine(exactlyOneOperator);

export type Matcher = z.output<typeof matcherSchema>;
export type FieldMatch = z.output<typeof fieldMatchSchema>;
export type ValueRef = z.output<typeof valueRefSchema>;
