// POST serviceaccounts/<name>/token (authentication.k8s.io/v1 TokenRequest), as
// pkg/registry/core/serviceaccount/storage/token.go answers it in 1.28: validate the
// lifetime, find the service account and the bound Pod or Secret, default the
// audiences to the API server's, and return a signed JWT with the 1.28 claims.
//
// The signing key is an ECDSA P-256 key derived from the sandbox's seed (ES256, which
// the service-account token signer also supports): deterministic per sandbox and cheap,
// where kubeadm's RSA sa.key would cost a key generation per sandbox. These tokens are
// for looking at (`kubectl create token`, jwt decoding in the lesson): the sandbox's
// authenticator accepts only the tokens in its own table, not these.

import {
  createECDH,
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  type KeyObject,
} from "node:crypto";
import { formatTime } from "../../clock";
import { newBadRequest, newConflict, newInvalid } from "../errors";
import type { KubeObject } from "../object";
import type { RequestContext } from "../handler/context";
import { getObject } from "../handler/storage";
import type { FieldError } from "../validation/field-error";

/** kube-apiserver's --service-account-issuer (and so --api-audiences) in a kubeadm cluster. */
export const API_AUDIENCE = "https://kubernetes.default.svc.cluster.local";
const DEFAULT_EXPIRATION_SECONDS = 3600;
const MIN_EXPIRATION_SECONDS = 600;
const MAX_EXPIRATION_SECONDS = 2 ** 32;

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

interface SigningKey {
  key: KeyObject;
  kid: string;
}
const keys = new Map<string, SigningKey>();

/** The sandbox's token-signing key: d = SHA-256(seed), the public point from ECDH. */
export function signingKey(seed: string): SigningKey {
  const cached = keys.get(seed);
  if (cached) return cached;
  const d = createHash("sha256").update(`sa-token-signing-key/${seed}`).digest();
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  const jwk = {
    kty: "EC",
    crv: "P-256",
    d: b64url(d),
    x: b64url(point.subarray(1, 33)),
    y: b64url(point.subarray(33, 65)),
  };
  const key = createPrivateKey({ key: jwk, format: "jwk" });
  // serviceaccount.keyIDFromPublicKey: base64url(SHA-256(DER of the public key)).
  const der = createPublicKey(key).export({ format: "der", type: "spki" });
  const kid = b64url(createHash("sha256").update(der).digest());
  if (keys.size > 1000) keys.clear();
  const out = { key, kid };
  keys.set(seed, out);
  return out;
}

/** A compact JWS (ES256, signature as r||s) over the claims. */
export function signJwt(seed: string, claims: Obj): string {
  const { key, kid } = signingKey(seed);
  const input = `${b64url(JSON.stringify({ alg: "ES256", kid }))}.${b64url(JSON.stringify(claims))}`;
  const signature = sign("sha256", Buffer.from(input), { key, dsaEncoding: "ieee-p1363" });
  return `${input}.${b64url(signature)}`;
}

function validateTokenRequest(expirationSeconds: number): FieldError[] {
  const errs: FieldError[] = [];
  const field = "spec.expirationSeconds";
  if (expirationSeconds < MIN_EXPIRATION_SECONDS)
    errs.push({
      type: "FieldValueInvalid",
      field,
      badValue: expirationSeconds,
      detail: "may not specify a duration less than 10 minutes",
    });
  if (expirationSeconds > MAX_EXPIRATION_SECONDS)
    errs.push({
      type: "FieldValueInvalid",
      field,
      badValue: expirationSeconds,
      detail: "may not specify a duration larger than 2^32 seconds",
    });
  return errs;
}

/** The TokenRequest the API server returns for POST .../serviceaccounts/<name>/token. */
export function requestToken(
  ctx: RequestContext,
  namespace: string,
  name: string,
  body: unknown,
): KubeObject {
  const req = asObj(body);
  const spec = asObj(req.spec);
  const expirationSeconds =
    typeof spec.expirationSeconds === "number"
      ? spec.expirationSeconds
      : DEFAULT_EXPIRATION_SECONDS;
  const errs = validateTokenRequest(expirationSeconds);
  if (errs.length)
    throw newInvalid({ group: "authentication.k8s.io", kind: "TokenRequest" }, "", errs);
  const registry = ctx.registry();
  const sa = getObject(ctx, registry.preferred("", "serviceaccounts")!, namespace, name);
  const ref = spec.boundObjectRef ? asObj(spec.boundObjectRef) : undefined;
  let bound: { kind: "pod" | "secret"; name: string; uid: string } | undefined;
  if (ref) {
    const apiVersion = String(ref.apiVersion ?? "");
    const kind = String(ref.kind ?? "");
    const refName = String(ref.name ?? "");
    const group = apiVersion.includes("/") ? apiVersion.split("/")[0]! : "";
    const version = apiVersion.includes("/") ? apiVersion.split("/")[1]! : apiVersion;
    let uid: string;
    if (group === "" && kind === "Pod") {
      const pod = getObject(ctx, registry.preferred("", "pods")!, namespace, refName);
      const podSa = String(asObj(pod.spec).serviceAccountName ?? "");
      if (podSa !== name)
        throw newBadRequest(
          `cannot bind token for serviceaccount "${name}" to pod running with different serviceaccount name.`,
        );
      uid = String(pod.metadata.uid ?? "");
    } else if (group === "" && kind === "Secret") {
      const secret = getObject(ctx, registry.preferred("", "secrets")!, namespace, refName);
      uid = String(secret.metadata.uid ?? "");
    } else {
      throw newBadRequest(`cannot bind token to object of type ${group}/${version}, Kind=${kind}`);
    }
    if (ref.uid && ref.uid !== uid)
      throw newConflict(
        { group, resource: kind },
        refName,
        `the UID in the bound object reference (${String(ref.uid)}) does not match the UID in record. The object might have been deleted and then recreated`,
      );
    bound = { kind: kind === "Pod" ? "pod" : "secret", name: refName, uid };
  }
  const requested = Array.isArray(spec.audiences) ? (spec.audiences as string[]) : [];
  const audiences = requested.length ? requested : [API_AUDIENCE];
  const iat = Math.floor(ctx.now / 1000);
  const exp = iat + expirationSeconds;
  // token.Claims (1.28): no jti or node claims yet; aud first, keys as Go's JSON orders them.
  const claims = {
    aud: audiences,
    exp,
    iat,
    iss: API_AUDIENCE,
    "kubernetes.io": {
      namespace,
      ...(bound?.kind === "pod" ? { pod: { name: bound.name, uid: bound.uid } } : {}),
      ...(bound?.kind === "secret" ? { secret: { name: bound.name, uid: bound.uid } } : {}),
      serviceaccount: { name, uid: String(sa.metadata.uid ?? "") },
    },
    nbf: iat,
    sub: `system:serviceaccount:${namespace}:${name}`,
  };
  return {
    kind: "TokenRequest",
    apiVersion: "authentication.k8s.io/v1",
    // The create handler sets the request's namespace on the object; the name stays as sent.
    metadata: {
      ...asObj(req.metadata),
      creationTimestamp: null,
      namespace,
    } as unknown as KubeObject["metadata"],
    spec: {
      audiences,
      boundObjectRef: ref ?? null,
      expirationSeconds,
    },
    status: { expirationTimestamp: formatTime(exp * 1000), token: signJwt(ctx.base.seed, claims) },
  };
}
