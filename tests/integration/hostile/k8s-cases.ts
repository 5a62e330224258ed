// The hostile-input corpus for the per-sandbox Kubernetes API: each case is a
// request a careless or malicious client could send, and the class of answer a
// real kube-apiserver gives it. Exact messages are asserted where they are part
// of Kubernetes' contract; otherwise the invariants are checked (see the test).

export interface K8sCase {
  name: string;
  method: string;
  path: string;
  body?: string | Buffer;
  contentType?: string;
  /** Expected HTTP status (exact), "4xx" any client error, "any" anything but a 5xx. */
  expect: number | "4xx" | "2xx" | "any";
  reason?: string;
  message?: string | RegExp;
  /** Token override: null = none, a string = that token. */
  token?: string | null;
  headers?: Record<string, string>;
}

const CM = "/api/v1/namespaces/default/configmaps";
const PODS = "/api/v1/namespaces/default/pods";

const cm = (name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, ...extra }, data: {} });

function nested(depth: number, leaf: string): string {
  return `${'{"a":'.repeat(depth)}${leaf}${"}".repeat(depth)}`;
}

const billionLaughs = [
  "apiVersion: v1",
  "kind: ConfigMap",
  "metadata: {name: lol}",
  "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]",
  "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
  "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
  "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
  "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
  "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
  "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
  "data: {x: *g}",
].join("\n");

const badNames = [
  "../etc",
  "..",
  "a/b",
  "%2e%2e",
  "<script>alert(1)</script>",
  "UPPER",
  "-leading",
  "trailing-",
  "has space",
  "한글이름",
  "a".repeat(254),
  "a\u0000b",
  "tab\tname",
  "semi;colon",
  "$(whoami)",
  "`id`",
  "emoji-😀",
  "back\\slash",
  "quote'name",
  'dq"name',
];

export const K8S_CASES: K8sCase[] = [
  // ---- names that are not DNS subdomains: 422 Invalid, nothing stored
  ...badNames.map((n): K8sCase => ({
    name: `configmap named ${JSON.stringify(n).slice(0, 40)}`,
    method: "POST",
    path: CM,
    body: cm(n),
    contentType: "application/json",
    expect: 422,
    reason: "Invalid",
  })),
  // ---- labels and annotations
  {
    name: "label value of 1 MB",
    method: "POST",
    path: CM,
    body: cm("huge-label", { labels: { big: "v".repeat(1024 * 1024) } }),
    contentType: "application/json",
    expect: 422,
    message: /must be no more than 63 characters/,
  },
  {
    name: "label key with a control character",
    method: "POST",
    path: CM,
    body: cm("ctl-label", { labels: { "a\u0001b": "x" } }),
    contentType: "application/json",
    expect: 422,
  },
  {
    name: "label value with HTML",
    method: "POST",
    path: CM,
    body: cm("html-label", { labels: { x: "<b>bold</b>" } }),
    contentType: "application/json",
    expect: 422,
  },
  {
    name: "annotations over 256 KiB in total",
    method: "POST",
    path: CM,
    body: cm("huge-annotations", { annotations: { a: "x".repeat(300 * 1024) } }),
    contentType: "application/json",
    expect: 422,
    message: /must have at most 262144 bytes/,
  },
  {
    name: "annotation with a script tag (allowed, stored as text)",
    method: "POST",
    path: CM,
    body: cm("script-annotation", { annotations: { note: "<script>alert(1)</script>" } }),
    contentType: "application/json",
    expect: 201,
  },
  // ---- bodies that are not what they claim
  {
    name: "empty body",
    method: "POST",
    path: CM,
    body: "",
    contentType: "application/json",
    expect: 400,
  },
  {
    name: "JSON null",
    method: "POST",
    path: CM,
    body: "null",
    contentType: "application/json",
    expect: "4xx",
  },
  {
    name: "JSON array",
    method: "POST",
    path: CM,
    body: "[]",
    contentType: "application/json",
    expect: "4xx",
  },
  {
    name: "JSON string",
    method: "POST",
    path: CM,
    body: '"x"',
    contentType: "application/json",
    expect: "4xx",
  },
  {
    name: "JSON number 1e400",
    method: "POST",
    path: CM,
    body: "1e400",
    contentType: "application/json",
    expect: "4xx",
  },
  {
    name: "10,000-deep nested object",
    method: "POST",
    path: CM,
    body: `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${nested(10_000, '"x"')}}`,
    contentType: "application/json",
    expect: "4xx",
  },
  {
    name: "10,000-deep nested arrays",
    method: "POST",
    path: CM,
    body: `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep2"},"x":${"[".repeat(10_000)}${"]".repeat(10_000)}}`,
    contentType: "application/json",
    expect: "4xx",
  },
  {
    name: "10 MB body",
    method: "POST",
    path: CM,
    body: Buffer.alloc(10 * 1024 * 1024, 0x61),
    contentType: "application/json",
    expect: 413,
    reason: "RequestEntityTooLarge",
  },
  {
    name: "invalid UTF-8 in a JSON string",
    method: "POST",
    path: CM,
    body: Buffer.concat([
      Buffer.from('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"utf"},"data":{"k":"'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from('"}}'),
    ]),
    contentType: "application/json",
    // Go's JSON decoder, like Buffer#toString, replaces invalid bytes with U+FFFD.
    expect: 201,
  },
  {
    name: "NUL byte in a data value",
    method: "POST",
    path: CM,
    body: JSON.stringify({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "nul-data" },
      data: { k: "a\u0000b" },
    }),
    contentType: "application/json",
    expect: 201,
  },
  {
    name: "data key that is not a valid config key",
    method: "POST",
    path: CM,
    body: JSON.stringify({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "bad-key" },
      data: { "../x": "v" },
    }),
    contentType: "application/json",
    expect: 422,
  },
  {
    name: "a Pod sent to the configmaps URL",
    method: "POST",
    path: CM,
    body: JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" } }),
    contentType: "application/json",
    expect: 400,
  },
  {
    name: "namespace in the object differs from the URL",
    method: "POST",
    path: CM,
    body: cm("ns-mismatch", { namespace: "kube-system" }),
    contentType: "application/json",
    expect: 400,
    message:
      "the namespace of the provided object does not match the namespace sent on the request",
  },
  {
    name: "billion laughs YAML",
    method: "POST",
    path: CM,
    body: billionLaughs,
    contentType: "application/yaml",
    expect: "4xx",
  },
  {
    name: "YAML with a tag that constructs code",
    method: "POST",
    path: CM,
    body: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: tagged}\ndata: !!js/function 'function(){}'\n",
    contentType: "application/yaml",
    expect: "4xx",
  },
  {
    name: "a 100,000-key object",
    method: "POST",
    path: CM,
    body: JSON.stringify({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "many-keys" },
      data: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, "v"])),
    }),
    contentType: "application/json",
    expect: "any",
  },
  {
    name: "text/html body",
    method: "POST",
    path: CM,
    body: "<html>",
    contentType: "text/html",
    expect: 415,
  },
  {
    name: "UTF-16 charset",
    method: "POST",
    path: CM,
    body: cm("utf16"),
    contentType: "application/json; charset=utf-16",
    expect: "any",
  },
  {
    name: "protobuf magic with garbage",
    method: "POST",
    path: CM,
    body: Buffer.concat([Buffer.from("k8s\0", "binary"), Buffer.from([0x0a, 0x05, 0xff])]),
    contentType: "application/vnd.kubernetes.protobuf",
    expect: 400,
  },
  {
    name: "protobuf without magic",
    method: "POST",
    path: CM,
    body: Buffer.from([0x01, 0x02, 0x03]),
    contentType: "application/vnd.kubernetes.protobuf",
    expect: 400,
  },
  {
    name: "pod with a 10,000-container list",
    method: "POST",
    path: PODS,
    body: JSON.stringify({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "many-containers" },
      spec: {
        containers: Array.from({ length: 10_000 }, (_, i) => ({ name: `c${i}`, image: "x" })),
      },
    }),
    contentType: "application/json",
    expect: 413,
  },
  {
    name: "pod with a negative CPU request",
    method: "POST",
    path: PODS,
    body: JSON.stringify({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "neg" },
      spec: { containers: [{ name: "c", image: "x", resources: { requests: { cpu: "-1" } } }] },
    }),
    contentType: "application/json",
    expect: 422,
  },
  {
    name: "pod with an absurd quantity",
    method: "POST",
    path: PODS,
    body: JSON.stringify({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "absurd" },
      spec: {
        containers: [
          { name: "c", image: "x", resources: { requests: { memory: "9".repeat(400) } } },
        ],
      },
    }),
    contentType: "application/json",
    expect: "any",
  },
  // ---- patches
  {
    name: "merge patch that is not JSON",
    method: "PATCH",
    path: `${CM}/kube-root-ca.crt`,
    body: "{nope",
    contentType: "application/merge-patch+json",
    expect: 400,
  },
  {
    name: "JSON patch with 10,000 operations",
    method: "PATCH",
    path: `${CM}/kube-root-ca.crt`,
    body: JSON.stringify(
      Array.from({ length: 10_000 }, () => ({ op: "test", path: "/kind", value: "Nope" })),
    ),
    contentType: "application/json-patch+json",
    expect: "4xx",
  },
  {
    name: "JSON patch moving from a missing path",
    method: "PATCH",
    path: `${CM}/kube-root-ca.crt`,
    body: JSON.stringify([{ op: "move", from: "/nope/nope", path: "/data/x" }]),
    contentType: "application/json-patch+json",
    expect: "4xx",
  },
  {
    name: "JSON patch renaming the object",
    method: "PATCH",
    path: `${CM}/kube-root-ca.crt`,
    body: JSON.stringify([{ op: "replace", path: "/metadata/name", value: "other" }]),
    contentType: "application/json-patch+json",
    expect: "4xx",
  },
  {
    name: "JSON patch with __proto__ path",
    method: "PATCH",
    path: `${CM}/kube-root-ca.crt`,
    body: JSON.stringify([{ op: "add", path: "/__proto__/polluted", value: "yes" }]),
    contentType: "application/json-patch+json",
    expect: "4xx",
  },
  {
    name: "merge patch with __proto__",
    method: "PATCH",
    path: `${CM}/kube-root-ca.crt`,
    body: '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
    contentType: "application/merge-patch+json",
    expect: "2xx",
  },
  {
    name: "strategic merge patch with a deep nesting",
    method: "PATCH",
    path: `${CM}/kube-root-ca.crt`,
    body: `{"metadata":{"labels":${nested(5_000, '"x"')}}}`,
    contentType: "application/strategic-merge-patch+json",
    expect: "4xx",
  },
  {
    name: "apply patch without fieldManager",
    method: "PATCH",
    path: `${CM}/applied`,
    body: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: applied}\n",
    contentType: "application/apply-patch+yaml",
    expect: 422,
  },
  {
    name: "apply patch with a YAML bomb",
    method: "PATCH",
    path: `${CM}/lol?fieldManager=x`,
    body: billionLaughs,
    contentType: "application/apply-patch+yaml",
    expect: "4xx",
  },
  // ---- paths and query parameters
  {
    name: "traversal in the path",
    method: "GET",
    path: "/api/v1/namespaces/../../../etc/passwd",
    expect: "4xx",
  },
  {
    name: "encoded traversal",
    method: "GET",
    path: "/api/v1/namespaces/%2e%2e/configmaps",
    expect: "any",
    // URL parsing resolves %2e%2e like "..": the request stays inside the sandbox.
  },
  {
    name: "100 KB path",
    method: "GET",
    path: `/api/v1/namespaces/${"a".repeat(100 * 1024)}/pods`,
    expect: "2xx",
    // A namespace that does not exist lists as empty, as on a real cluster.
  },
  { name: "unknown group", method: "GET", path: "/apis/evil.example.com/v1/things", expect: 404 },
  { name: "unknown version", method: "GET", path: "/api/v2/pods", expect: 404 },
  { name: "TRACE method", method: "TRACE", path: CM, expect: "4xx" },
  { name: "limit is not a number", method: "GET", path: `${CM}?limit=abc`, expect: "4xx" },
  {
    name: "forged continue token",
    method: "GET",
    path: `${CM}?limit=1&continue=Zm9yZ2Vk`,
    expect: "4xx",
  },
  {
    name: "resourceVersion is not a number",
    method: "GET",
    path: `${CM}?resourceVersion=abc`,
    expect: "4xx",
  },
  {
    name: "watch from a compacted revision",
    method: "GET",
    path: `${CM}?watch=true&resourceVersion=1&timeoutSeconds=1`,
    expect: "2xx",
  },

  {
    name: "unparsable label selector",
    method: "GET",
    path: `${CM}?labelSelector=${encodeURIComponent("a in (")}`,
    expect: 400,
  },
  {
    name: "unsupported field selector",
    method: "GET",
    path: `${CM}?fieldSelector=spec.nope%3Dx`,
    expect: 400,
  },
  {
    name: "label selector of 100 KB",
    method: "GET",
    path: `${CM}?labelSelector=${"a".repeat(100 * 1024)}`,
    expect: "4xx",
  },
  {
    name: "dryRun with a bad value",
    method: "POST",
    path: `${CM}?dryRun=Maybe`,
    body: cm("dry"),
    contentType: "application/json",
    expect: 422,
    message:
      'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Maybe"}: supported values: "All"',
  },
  {
    name: "bad propagationPolicy",
    method: "DELETE",
    path: `${CM}/kube-root-ca.crt?propagationPolicy=Sideways`,
    expect: "4xx",
  },
  {
    name: "bad fieldValidation",
    method: "POST",
    path: `${CM}?fieldValidation=Loose`,
    body: cm("fv"),
    contentType: "application/json",
    expect: 422,
  },
  {
    name: "delete of everything in kube-system without a selector is a real request",
    method: "GET",
    path: "/api/v1/namespaces/kube-system/secrets/does-not-exist",
    expect: 404,
  },
  // ---- authentication
  { name: "no token", method: "GET", path: CM, token: null, expect: 401, reason: "Unauthorized" },
  {
    name: "forged token",
    method: "GET",
    path: CM,
    token: "klb_forgedforgedforgedforgedforgedforged00",
    expect: 401,
  },
  { name: "token with whitespace", method: "GET", path: CM, token: " klb_x ", expect: 401 },
  { name: "10 KB token", method: "GET", path: CM, token: "k".repeat(10 * 1024), expect: 401 },
  {
    name: "basic auth instead of bearer",
    method: "GET",
    path: CM,
    token: null,
    headers: { authorization: "Basic YWRtaW46YWRtaW4=" },
    expect: 401,
  },
  {
    name: "token in the query string",
    method: "GET",
    path: `${CM}?access_token=klb_x`,
    token: null,
    expect: 401,
  },
];
