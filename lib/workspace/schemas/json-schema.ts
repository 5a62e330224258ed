// The subset of JSON Schema (draft-07, what monaco-yaml's language service reads)
// that the editor schemas use.
export interface JsonSchema {
  $id?: string;
  title?: string;
  description?: string;
  markdownDescription?: string;
  type?: "object" | "array" | "string" | "integer" | "boolean" | "number";
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: readonly string[];
  examples?: readonly string[];
  const?: string;
  required?: readonly string[];
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  $ref?: string;
  definitions?: Record<string, JsonSchema>;
}
