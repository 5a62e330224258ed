// Reading a kubeadm config file: split the YAML stream into documents and find each one's
// GroupVersionKind, as kubeadmutil.SplitYAMLDocuments does, then strict-decode every document
// against the Go type the kubeadm binary has registered for it.
import { isScalar, parseAllDocuments, visit, type Tags } from "yaml";

const TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp";
import { decodeStrict, strictDecodingMessage } from "./decode";
import { EXIT_VALIDATION, KubeadmError } from "./errors";
import { isKubeadmKind, registeredKinds, type KindSchema } from "./schema";
import { KUBEADM_SCHEME_NAME } from "./constants";

/** Input larger than this is refused before parsing (a config file is a few KiB). */
export const MAX_CONFIG_BYTES = 256 * 1024;

export const COMPONENTCONFIGS_SCHEME_NAME =
  "k8s.io/kubernetes/cmd/kubeadm/app/componentconfigs/scheme.go:28";

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface ConfigDocument {
  gvk: GroupVersionKind;
  /** The document as JSON (what Go decodes). */
  value: Record<string, unknown>;
  /** 1-based line where the document starts, for editors. */
  line: number;
  /** Keys given twice in one mapping (line of the repeat): non-strict decoding keeps the last. */
  duplicateKeys: { line: number; key: string }[];
}

export interface StrictProblem {
  gvk: GroupVersionKind;
  /** The full error text: `error unmarshaling configuration schema.GroupVersionKind{...}: ...`. */
  message: string;
  /** Unknown field paths ("apiServer.foo", "a[0].b"), for editor markers (see fieldPosition). */
  unknownFields?: string[];
}

export interface ParsedConfig {
  /** Documents sorted by GVK string, the order kubeadm processes them in. */
  docs: ConfigDocument[];
  /** Fatal problems: kubeadm stops at the first one. */
  errors: KubeadmError[];
  /** Strict-decoding problems: warnings for init/join, errors for `kubeadm config validate`. */
  strict: StrictProblem[];
  /** Strict problems and fatal errors in the order kubeadm meets them. */
  ordered: KubeadmError[];
  /** Documents of groups kubeadm does not know, which init/join ignore with a warning. */
  ignored: GroupVersionKind[];
}

/** Go's %#v of a schema.GroupVersionKind. */
export function gvkGoSyntax(gvk: GroupVersionKind): string {
  return `schema.GroupVersionKind{Group:"${gvk.group}", Version:"${gvk.version}", Kind:"${gvk.kind}"}`;
}

/** schema.GroupVersionKind.String(): "kubeadm.k8s.io/v1beta3, Kind=ClusterConfiguration". */
export function gvkString(gvk: GroupVersionKind): string {
  const gv = gvk.group === "" ? gvk.version : `${gvk.group}/${gvk.version}`;
  return `${gv}, Kind=${gvk.kind}`;
}

export function apiVersionOf(gvk: GroupVersionKind): string {
  return gvk.group === "" ? gvk.version : `${gvk.group}/${gvk.version}`;
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf("/");
  if (slash < 0) return { group: "", version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

/**
 * Splits a config file into documents (SplitYAMLDocuments). Errors are fatal, as in kubeadm:
 * unreadable YAML, a document without apiVersion/kind, a kind given twice.
 */
export function splitConfigDocuments(text: string): {
  docs: ConfigDocument[];
  error: KubeadmError | null;
} {
  if (text.length > MAX_CONFIG_BYTES) {
    return {
      docs: [],
      error: new KubeadmError("parse", `the config file is larger than ${MAX_CONFIG_BYTES} bytes`),
    };
  }
  const docs: ConfigDocument[] = [];
  const seenKinds = new Set<string>();
  const twice: string[] = [];
  // go-yaml v2 (behind sigs.k8s.io/yaml) reads YAML 1.1: "yes"/"on" are booleans there. It keeps
  // timestamps as strings when decoding into JSON, so the timestamp tag is left out.
  const options = {
    version: "1.1" as const,
    // Duplicates are allowed here (last wins, as in go-yaml) and reported by strict decoding.
    uniqueKeys: false,
    prettyErrors: false,
    customTags: (tags: Tags) =>
      tags.filter((t) => typeof t === "string" || t.tag !== TIMESTAMP_TAG),
  };
  for (const doc of parseAllDocuments(text, options)) {
    const problem = doc.errors[0];
    if (problem) {
      const line = problem.linePos?.[0]?.line ?? lineOf(text, problem.pos[0]);
      // sigs.k8s.io/yaml wraps go-yaml's message; the wording after "line N:" comes from
      // this simulator's YAML parser and can differ from go-yaml's.
      const detail = problem.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "");
      return {
        docs,
        error: new KubeadmError(
          "parse",
          `error converting YAML to JSON: yaml: line ${line}: ${detail ?? "invalid YAML"}`,
        ),
      };
    }
    if (doc.contents === null) continue; // an empty document between two "---"
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    if (typeof value !== "object" || Array.isArray(value)) {
      const got = Array.isArray(value)
        ? "array"
        : typeof value === "number"
          ? "number"
          : typeof value === "boolean"
            ? "bool"
            : "string";
      return {
        docs,
        error: new KubeadmError(
          "parse",
          `couldn't get version/kind; json parse error: json: cannot unmarshal ${got} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
        ),
      };
    }
    const record = value as Record<string, unknown>;
    const apiVersion = typeof record.apiVersion === "string" ? record.apiVersion : "";
    const kind = typeof record.kind === "string" ? record.kind : "";
    const { group, version } = splitApiVersion(apiVersion);
    if (group === "" || version === "" || kind === "") {
      return {
        docs,
        error: new KubeadmError(
          "version",
          `invalid configuration for GroupVersionKind &{Group:${group} Version:${version} Kind:${kind}}: kind and apiVersion is mandatory information that must be specified`,
        ),
      };
    }
    if (seenKinds.has(kind)) {
      twice.push(`invalid configuration: kind "${kind}" is specified twice in YAML file`);
      continue;
    }
    seenKinds.add(kind);
    const duplicateKeys: { line: number; key: string }[] = [];
    visit(doc, {
      Map(_, map) {
        const seen = new Set<string>();
        for (const pair of map.items) {
          if (!isScalar(pair.key)) continue;
          const key = String(pair.key.value);
          if (seen.has(key)) {
            duplicateKeys.push({ key, line: lineOf(text, pair.key.range?.[0] ?? 0) });
          }
          seen.add(key);
        }
      },
    });
    docs.push({
      gvk: { group, version, kind },
      value: record,
      line: lineOf(text, doc.range[0]),
      duplicateKeys,
    });
  }
  if (twice.length > 0) {
    const message = twice.length === 1 ? twice[0]! : `[${twice.join(", ")}]`;
    return { docs, error: new KubeadmError("version", message, EXIT_VALIDATION) };
  }
  docs.sort((a, b) => (gvkString(a.gvk) < gvkString(b.gvk) ? -1 : 1));
  return { docs, error: null };
}

// validateSupportedVersion of kubeadm 1.28: the versions it names when refusing an old spec.
const OLD_KNOWN_API_VERSIONS: Record<string, string> = {
  "kubeadm.k8s.io/v1alpha1": "v1.11",
  "kubeadm.k8s.io/v1alpha2": "v1.12",
  "kubeadm.k8s.io/v1alpha3": "v1.14",
  "kubeadm.k8s.io/v1beta1": "v1.15",
  "kubeadm.k8s.io/v1beta2": "v1.22",
};

export function checkSupportedVersion(gvk: GroupVersionKind): KubeadmError | null {
  const gv = apiVersionOf(gvk);
  const use = OLD_KNOWN_API_VERSIONS[gv];
  if (use === undefined) return null;
  return new KubeadmError(
    "version",
    `your configuration file uses an old API spec: "${gv}". Please use kubeadm ${use} instead and run 'kubeadm config migrate --old-config old.yaml --new-config new.yaml', which will write the new, similar spec using a newer API version.`,
  );
}

export function findKind(
  kinds: readonly KindSchema[],
  gvk: GroupVersionKind,
): KindSchema | undefined {
  return kinds.find(
    (k) => k.group === gvk.group && k.version === gvk.version && k.kind === gvk.kind,
  );
}

/** The scheme error runtime.Scheme.New gives for an unregistered kind. */
export function notRegisteredMessage(gvk: GroupVersionKind, schemeName: string): string {
  return `no kind "${gvk.kind}" is registered for version "${apiVersionOf(gvk)}" in scheme "${schemeName}"`;
}

/**
 * Splits, then checks each document's version and strict-decodes it (VerifyUnmarshalStrict).
 * `kubeadmMinor` chooses which API versions exist (28 → v1beta3 only; 31+ → v1beta4 too).
 */
export function parseKubeadmConfig(text: string, kubeadmMinor = 28): ParsedConfig {
  const { docs, error } = splitConfigDocuments(text);
  const out: ParsedConfig = { docs, errors: [], strict: [], ordered: [], ignored: [] };
  const fail = (e: KubeadmError) => {
    out.errors.push(e);
    out.ordered.push(e);
    return out;
  };
  const warnStrict = (p: StrictProblem) => {
    out.strict.push(p);
    out.ordered.push(new KubeadmError("strict", p.message));
  };
  if (error) return fail(error);
  const kinds = registeredKinds(kubeadmMinor);
  for (const doc of docs) {
    const versionError = checkSupportedVersion(doc.gvk);
    if (versionError) return fail(versionError);
    const schema = findKind(kinds, doc.gvk);
    if (!schema) {
      warnStrict({
        gvk: doc.gvk,
        message: `unknown configuration ${gvkGoSyntax(doc.gvk)}: ${notRegisteredMessage(doc.gvk, COMPONENTCONFIGS_SCHEME_NAME)}`,
      });
      if (isKubeadmKind(doc.gvk.kind)) {
        // kubeadm picks documents by kind alone, then fails to decode the unknown version.
        return fail(
          new KubeadmError("version", notRegisteredMessage(doc.gvk, KUBEADM_SCHEME_NAME)),
        );
      }
      if (!kinds.some((k) => k.group === doc.gvk.group)) out.ignored.push(doc.gvk);
      continue;
    }
    const decoded = decodeStrict(schema.spec, doc.value, apiVersionOf(doc.gvk));
    const prefix = `error unmarshaling configuration ${gvkGoSyntax(doc.gvk)}`;
    if (decoded.typeError) {
      // The strict pass reports the same decode failure before the real decode fails on it.
      warnStrict({ gvk: doc.gvk, message: `${prefix}: ${decoded.typeError}` });
      return fail(new KubeadmError("decode", decoded.typeError));
    }
    // YAMLToJSONStrict's duplicate-key error comes first, then the unknown fields.
    const strictErrors = doc.duplicateKeys.length
      ? [
          "error converting YAML to JSON: yaml: unmarshal errors:\n" +
            doc.duplicateKeys
              .map((d) => `  line ${d.line}: key "${d.key}" already set in map`)
              .join("\n"),
        ]
      : [];
    strictErrors.push(...decoded.unknownFields.map((f) => `unknown field "${f}"`));
    if (strictErrors.length > 0) {
      warnStrict({
        gvk: doc.gvk,
        message: `${prefix}: ${strictDecodingMessage(strictErrors)}`,
        unknownFields: decoded.unknownFields,
      });
    }
  }
  return out;
}
