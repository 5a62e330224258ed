// Stored objects are small JSON documents that repeat the same field names, so
// raw deflate with a preset dictionary of Kubernetes JSON shrinks them several-fold
// (a fresh sandbox must stay small). Each dictionary is part of the format: values
// already stored keep decoding with the dictionary they were written with.
//
// Format 1: a bare raw-deflate stream with DICTIONARY_V1.
// Format 2: the byte 0x06, then a raw-deflate stream with DICTIONARY_V2 (objects of a
// default cluster, managedFields included). No format-1 value starts with a byte whose
// bits 1-2 are both set: that is deflate's reserved block type (RFC 1951 §3.2.3).
// Format 3: a row of a sandbox copied from the default-cluster template, moved in time
// (lib/sim/cluster/cluster-template.ts): the byte 0x0e, the shift in seconds (zigzag
// varint), the shift recipe (0 none, 1 bootstrap token, 2 event + its name's hex
// suffix), then the template's value in format 2 without its marker. The template's
// value is compressed once per process; each new sandbox only writes a new header.
// Format 4: the byte 0x16, then the JSON as UTF-8, uncompressed. What requests write
// now: a deflate with the 32 KiB preset dictionary cost 350-470 µs per value (zlib's
// state set up and the dictionary hashed on every call; 12% of the app's CPU under
// load), copying the text costs about 1 µs. PostgreSQL still compresses a row past
// its TOAST threshold (2 KiB) on its own, and a new sandbox's rows stay in format 3,
// so a fresh default cluster is as small as before.

import { deflateRawSync, inflateRawSync } from "node:zlib";
import { shiftValue, templateRowOrigin, type KvRow, type ValueShiftRecipe } from "@/lib/sim";
import { DICTIONARY_V2_PARTS } from "./value-dictionary-v2";

const DICTIONARY_V1 = Buffer.from(
  [
    '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"annotations":{"rbac.authorization.kubernetes.io/autoupdate":"true"},"labels":{"kubernetes.io/bootstrapping":"rbac-defaults"},',
    '"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"system:',
    '"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"Group","name":"system:authenticated"}]}',
    '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"annotations":{"rbac.authorization.kubernetes.io/autoupdate":"true"},"labels":{"kubernetes.io/bootstrapping":"rbac-defaults"},"name":"system:',
    '"rules":[{"apiGroups":[""],"resources":["pods","services","endpoints","configmaps","secrets","persistentvolumeclaims","serviceaccounts"],"verbs":["get","list","watch","create","update","patch","delete","deletecollection"]}',
    '{"apiGroups":["apps"],"resources":["deployments","replicasets","statefulsets","daemonsets"],"verbs":["get","list","watch"]},',
    '{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default","namespace":"',
    '{"apiVersion":"v1","kind":"Namespace","metadata":{"labels":{"kubernetes.io/metadata.name":"',
    '"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}',
    '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"',
    '"spec":{"containers":[{"name":"","image":"","imagePullPolicy":"IfNotPresent","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],',
    '"dnsPolicy":"ClusterFirst","enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority","priority":0,"restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"serviceAccountName":"default","terminationGracePeriodSeconds":30,',
    '"tolerations":[{"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists","tolerationSeconds":300},{"effect":"NoExecute","key":"node.kubernetes.io/unreachable","operator":"Exists","tolerationSeconds":300}]',
    '"status":{"phase":"Pending","qosClass":"BestEffort"}}',
    '"verbs":["get","list","watch"]}',
    '"creationTimestamp":"20',
    '"namespace":"kube-system","uid":"',
    '"metadata":{"name":"',
  ].join(""),
);

// Deflate looks back 32 KiB at most: the dictionary's tail is what it can use.
const DICTIONARY_V2 = Buffer.from(DICTIONARY_V2_PARTS.join("")).subarray(-32_768);

const FORMAT_2 = 0x06;
const FORMAT_3 = 0x0e;
const FORMAT_4 = 0x16;

/** A stored value written by a newer format than this code knows. */
export class StoredValueFormatError extends Error {
  override readonly name = "StoredValueFormatError";
  constructor(readonly marker: number) {
    super(`unknown stored value format (first byte 0x${marker.toString(16)})`);
  }
}
/** Deflate's reserved block type: never the first byte of a format-1 value. */
const RESERVED_BTYPE = 0x06;

const deflateV2 = (json: string): Buffer =>
  deflateRawSync(Buffer.from(json, "utf8"), { dictionary: DICTIONARY_V2, level: 9 });

/** Format 4: what the request path writes (no compression, see above). */
export function encodeValue(json: string): Uint8Array {
  const length = Buffer.byteLength(json, "utf8");
  const out = Buffer.allocUnsafe(length + 1);
  out[0] = FORMAT_4;
  out.write(json, 1, "utf8");
  return out;
}

/** Format 2, as values written before format 4 are stored (tests of old rows). */
export function encodeValueV2(json: string): Uint8Array {
  const body = deflateV2(json);
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = FORMAT_2;
  body.copy(out, 1);
  return out;
}

/** Compressed template values, per template row object (a template lives as long as its process). */
const templateBodies = new WeakMap<KvRow, Buffer>();

/** A row's stored value: format 3 for a template's row moved in time, else format 4. */
export function encodeRowValue(row: KvRow): Uint8Array {
  const origin = templateRowOrigin(row);
  if (!origin) return encodeValue(row.value);
  let body = templateBodies.get(origin.row);
  if (!body) {
    body = deflateV2(origin.row.value);
    templateBodies.set(origin.row, body);
  }
  const header: number[] = [FORMAT_3];
  const seconds = origin.deltaMs / 1000;
  writeVarint(header, seconds >= 0 ? seconds * 2 : -seconds * 2 - 1);
  const { eventNanosHex, bootstrapToken } = origin.recipe;
  if (eventNanosHex !== undefined) {
    header.push(2, eventNanosHex.length);
    for (const c of eventNanosHex) header.push(c.charCodeAt(0));
  } else header.push(bootstrapToken ? 1 : 0);
  return Buffer.concat([Buffer.from(header), body]);
}

function writeVarint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

function decodeShifted(buf: Buffer): string {
  let at = 1;
  let zigzag = 0;
  for (let scale = 1; ; scale *= 0x80) {
    const b = buf[at++]!;
    zigzag += (b & 0x7f) * scale;
    if (b < 0x80) break;
  }
  const seconds = zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
  const kind = buf[at++];
  const recipe: ValueShiftRecipe = {};
  if (kind === 2) {
    const len = buf[at++]!;
    recipe.eventNanosHex = buf.subarray(at, at + len).toString("latin1");
    at += len;
  } else if (kind === 1) recipe.bootstrapToken = true;
  return shiftValue(templateText(buf.subarray(at)), seconds * 1000, recipe);
}

// A template's compressed value is the same bytes in every sandbox made from it (only the
// header before it differs), so its text is inflated once per process, not once per row
// read: inflating with the 32 KiB preset dictionary cost ~22 µs a value, 13-19 ms of a lab
// sandbox's 30-40 ms whole load (836 rows; bench/cache-miss-parts.ts). Keyed by the bytes
// themselves (as latin1 text, a byte a character), so a body can never be given another's
// text. Bounded by the characters held (keys and texts): a process sees a few templates
// (the default cluster, the labs' start states), a few hundred values each, ~0.5 MB a
// template; past the bound it starts over.
const TEMPLATE_TEXTS_MAX_CHARS = 8 * 1024 * 1024;
const templateTexts = new Map<string, string>();
let templateTextChars = 0;
let templateInflates = 0;

function templateText(body: Buffer): string {
  const key = body.toString("latin1");
  let text = templateTexts.get(key);
  if (text === undefined) {
    text = inflateRawSync(body, { dictionary: DICTIONARY_V2 }).toString("utf8");
    templateInflates++;
    if (templateTextChars > TEMPLATE_TEXTS_MAX_CHARS) {
      templateTexts.clear();
      templateTextChars = 0;
    }
    templateTexts.set(key, text);
    templateTextChars += key.length + text.length;
  }
  return text;
}

/** Template values inflated by this process so far (tests: each body once). */
export function templateInflateCount(): number {
  return templateInflates;
}

export function decodeValue(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length > 0 && (buf[0]! & RESERVED_BTYPE) === RESERVED_BTYPE) {
    if (buf[0] === FORMAT_4) return buf.toString("utf8", 1);
    if (buf[0] === FORMAT_3) return decodeShifted(buf);
    if (buf[0] !== FORMAT_2) throw new StoredValueFormatError(buf[0]!);
    return inflateRawSync(buf.subarray(1), { dictionary: DICTIONARY_V2 }).toString("utf8");
  }
  return inflateRawSync(buf, { dictionary: DICTIONARY_V1 }).toString("utf8");
}

/** Format 1, as values written before format 2 are stored (tests of old rows). */
export function encodeValueV1(json: string): Uint8Array {
  return deflateRawSync(Buffer.from(json, "utf8"), { dictionary: DICTIONARY_V1, level: 6 });
}
