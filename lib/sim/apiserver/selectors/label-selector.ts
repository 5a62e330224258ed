// Label selectors: the string syntax of `-l` / `?labelSelector=` (apimachinery labels/selector.go)
// with its lexer, parser and exact error texts, and the LabelSelector object of specs
// (matchLabels / matchExpressions). Pure: strings and plain objects in, booleans out.
import { aggregateFieldErrors, fieldErrors, type FieldError } from "../validation/field-error";
import { isQualifiedName, isValidLabelValue } from "../validation/names";

export type Operator = "in" | "notin" | "=" | "==" | "!=" | "gt" | "lt" | "exists" | "!";

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

/** A parsed selector: every requirement must match (an empty list matches everything). */
export type Selector = Requirement[];

/** The parse error the API server returns (as a 400 BadRequest) for a bad selector string. */
export class SelectorParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SelectorParseError";
  }
}

const BINARY_OPERATORS = ["in", "notin", "=", "==", "!=", "gt", "lt"];
const VALID_OPERATORS = [...BINARY_OPERATORS, "exists", "!"];

type Tok =
  "error" | "eos" | ")" | "," | "!" | "==" | "=" | ">" | "id" | "in" | "<" | "!=" | "notin" | "(";

const STRING_TO_TOKEN: Record<string, Tok> = {
  ")": ")",
  ",": ",",
  "!": "!",
  "==": "==",
  "=": "=",
  ">": ">",
  in: "in",
  "<": "<",
  "!=": "!=",
  notin: "notin",
  "(": "(",
};

const isWhitespace = (ch: string) => ch === " " || ch === "\t" || ch === "\r" || ch === "\n";
const isSpecial = (ch: string) => "=!(),><".includes(ch);

function lex(s: string): { tok: Tok; lit: string }[] {
  const out: { tok: Tok; lit: string }[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos] ?? "")) pos++;
    if (pos >= s.length) {
      out.push({ tok: "eos", lit: "" });
      return out;
    }
    const ch = s[pos] ?? "";
    if (isSpecial(ch)) {
      // Longest special-symbol run that is still a known token.
      let buf = "";
      let last: { tok: Tok; lit: string } | undefined;
      while (pos < s.length && isSpecial(s[pos] ?? "")) {
        buf += s[pos];
        const t = STRING_TO_TOKEN[buf];
        if (t) {
          last = { tok: t, lit: buf };
          pos++;
        } else if (last) {
          break;
        } else {
          pos++;
        }
      }
      out.push(last ?? { tok: "error", lit: `error expected: keyword found '${buf}'` });
    } else {
      let buf = "";
      while (pos < s.length && !isSpecial(s[pos] ?? "") && !isWhitespace(s[pos] ?? ""))
        buf += s[pos++];
      out.push({ tok: STRING_TO_TOKEN[buf] ?? "id", lit: buf });
    }
  }
}

function validateKey(key: string, path: string): FieldError | undefined {
  const errs = isQualifiedName(key);
  return errs.length > 0 ? fieldErrors.invalid(path, key, errs.join("; ")) : undefined;
}

/** labels.NewRequirement: the operator/value rules, as an aggregated error message. */
export function newRequirement(key: string, operator: Operator, values: string[]): Requirement {
  const errs: FieldError[] = [];
  const keyErr = validateKey(key, "key");
  if (keyErr) errs.push(keyErr);
  switch (operator) {
    case "in":
    case "notin":
      if (values.length === 0)
        errs.push(
          fieldErrors.invalid(
            "values",
            values,
            "for 'in', 'notin' operators, values set can't be empty",
          ),
        );
      break;
    case "=":
    case "==":
    case "!=":
      if (values.length !== 1)
        errs.push(
          fieldErrors.invalid(
            "values",
            values,
            "exact-match compatibility requires one single value",
          ),
        );
      break;
    case "exists":
    case "!":
      if (values.length !== 0)
        errs.push(
          fieldErrors.invalid(
            "values",
            values,
            "values set must be empty for exists and does not exist",
          ),
        );
      break;
    case "gt":
    case "lt":
      if (values.length !== 1)
        errs.push(
          fieldErrors.invalid(
            "values",
            values,
            "for 'Gt', 'Lt' operators, exactly one value is required",
          ),
        );
      values.forEach((v, i) => {
        if (!/^[+-]?\d+$/.test(v))
          errs.push(
            fieldErrors.invalid(
              `values[${i}]`,
              v,
              "for 'Gt', 'Lt' operators, the value must be an integer",
            ),
          );
      });
      break;
    default:
      errs.push(fieldErrors.notSupported("operator", operator, VALID_OPERATORS));
  }
  values.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length > 0) errs.push(fieldErrors.invalid(`values[${i}][${key}]`, v, msgs.join("; ")));
  });
  if (errs.length > 0) throw new SelectorParseError(aggregateFieldErrors(errs));
  return { key, operator, values };
}

/** labels.Parse: "a=b,c in (x,y),!d,e" → requirements sorted by key. */
export function parseLabelSelector(input: string): Selector {
  const items = lex(input);
  let pos = 0;
  // In value context the keywords "in"/"notin" are plain identifiers.
  const look = (values: boolean) => {
    const it = items[pos] ?? { tok: "eos" as Tok, lit: "" };
    return values && (it.tok === "in" || it.tok === "notin")
      ? { tok: "id" as Tok, lit: it.lit }
      : it;
  };
  const take = (values: boolean) => {
    const it = look(values);
    pos++;
    return it;
  };
  const fail = (msg: string): never => {
    throw new SelectorParseError(msg);
  };

  const parseValues = (): string[] => {
    const open = take(true);
    if (open.tok !== "(") fail(`found '${open.lit}' expected: '('`);
    const first = look(true);
    if (first.tok === ")") {
      take(true);
      return [""];
    }
    if (first.tok !== "id" && first.tok !== ",")
      fail(`found '${first.lit}', expected: ',', ')' or identifier`);
    const set = new Set<string>();
    for (;;) {
      const t = take(true);
      if (t.tok === "id") {
        set.add(t.lit);
        const n = look(true);
        if (n.tok === ",") continue;
        if (n.tok === ")") break;
        fail(`found '${n.lit}', expected: ',' or ')'`);
      } else if (t.tok === ",") {
        if (set.size === 0) set.add("");
        const n = look(true);
        if (n.tok === ")") {
          set.add("");
          break;
        }
        if (n.tok === ",") set.add("");
      } else {
        fail(`found '${t.lit}', expected: ',', or identifier`);
      }
    }
    if (take(true).tok !== ")") fail(`found '${first.lit}', expected: ')'`);
    return [...set].sort();
  };

  const parseRequirement = (): Requirement => {
    let op: Operator | undefined;
    let t = take(true);
    if (t.tok === "!") {
      op = "!";
      t = take(true);
    }
    if (t.tok !== "id") fail(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErr = validateKey(key, "<nil>");
    if (keyErr) fail(aggregateFieldErrors([keyErr]));
    const next = look(true);
    if (next.tok === "eos" || next.tok === ",") {
      return newRequirement(key, op ?? "exists", []);
    }
    if (op === "!") return newRequirement(key, "!", []);
    const o = take(false);
    const opMap: Partial<Record<Tok, Operator>> = {
      in: "in",
      "=": "=",
      "==": "==",
      ">": "gt",
      "<": "lt",
      notin: "notin",
      "!=": "!=",
    };
    const operator = opMap[o.tok];
    if (!operator) return fail(`found '${o.lit}', expected: ${BINARY_OPERATORS.join(", ")}`);
    let values: string[];
    if (operator === "in" || operator === "notin") values = parseValues();
    else {
      const v = look(true);
      if (v.tok === "eos" || v.tok === ",") values = [""];
      else {
        const c = take(true);
        if (c.tok !== "id") fail(`found '${c.lit}', expected: identifier`);
        values = [c.lit];
      }
    }
    return newRequirement(key, operator, values);
  };

  const reqs: Requirement[] = [];
  for (;;) {
    const t = look(true);
    if (t.tok === "eos") break;
    if (t.tok !== "id" && t.tok !== "!")
      fail(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
    try {
      reqs.push(parseRequirement());
    } catch (e) {
      if (e instanceof SelectorParseError)
        throw new SelectorParseError(`unable to parse requirement: ${e.message}`);
      throw e;
    }
    const sep = take(true);
    if (sep.tok === "eos") break;
    if (sep.tok === ",") {
      const n = look(true);
      if (n.tok !== "id" && n.tok !== "!") fail(`found '${n.lit}', expected: identifier after ','`);
      continue;
    }
    fail(`found '${sep.lit}', expected: ',' or 'end of string'`);
  }
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function requirementMatches(
  r: Requirement,
  labels: Record<string, string> | undefined,
): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const val = has ? (labels?.[r.key] ?? "") : undefined;
  switch (r.operator) {
    case "in":
    case "=":
    case "==":
      return val !== undefined && r.values.includes(val);
    case "notin":
    case "!=":
      return val === undefined || !r.values.includes(val);
    case "exists":
      return has;
    case "!":
      return !has;
    case "gt":
    case "lt": {
      if (val === undefined || !/^[+-]?\d+$/.test(val) || r.values.length !== 1) return false;
      const lv = BigInt(val);
      const rv = BigInt(r.values[0] ?? "0");
      return r.operator === "gt" ? lv > rv : lv < rv;
    }
  }
}

export function selectorMatches(
  sel: Selector,
  labels: Record<string, string> | undefined,
): boolean {
  return sel.every((r) => requirementMatches(r, labels));
}

/** Selector.String(): the canonical text (also how kubectl describe prints selectors). */
export function selectorToString(sel: Selector): string {
  return sel
    .map((r) => {
      const vals = r.values.length === 1 ? (r.values[0] ?? "") : [...r.values].sort().join(",");
      switch (r.operator) {
        case "!":
          return `!${r.key}`;
        case "exists":
          return r.key;
        case "in":
          return `${r.key} in (${vals})`;
        case "notin":
          return `${r.key} notin (${vals})`;
        case "gt":
          return `${r.key}>${vals}`;
        case "lt":
          return `${r.key}<${vals}`;
        default:
          return `${r.key}${r.operator}${vals}`;
      }
    })
    .join(",");
}
