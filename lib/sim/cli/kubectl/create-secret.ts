// kubectl create secret generic|tls|docker-registry (create_secret.go,
// create_secret_tls.go, create_secret_docker.go): data from literals and the
// learner's files, a TLS pair checked as tls.X509KeyPair checks it, and a
// .dockerconfigjson built as kubectl builds it.

import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from "node:crypto";
import type { KubeObject } from "../../apiserver/object";
import { CliError } from "../errors";
import { HOME, lookup, readFile, resolvePath, fileView, workspaceView } from "../files";
import type { CommandContext } from "../types";
import { flagArray, flagString, type FlagSpec, type ParsedArgs } from "./flags";
import { goJsonEscapes } from "./go-value";

export const SECRET_TYPES = ["generic", "tls", "docker-registry"] as const;
export type SecretSubcommand = (typeof SECRET_TYPES)[number];

export const SECRET_FLAGS: FlagSpec[] = [
  { name: "from-file", type: "array" },
  { name: "from-env-file", type: "array" },
  { name: "type", type: "string" },
  { name: "cert", type: "string" },
  { name: "key", type: "string" },
  { name: "docker-server", type: "string" },
  { name: "docker-username", type: "string" },
  { name: "docker-password", type: "string" },
  { name: "docker-email", type: "string" },
  { name: "append-hash", type: "bool" },
];

/** The flags each subcommand registers (besides the common ones). */
export const SECRET_SUB_FLAGS: Record<SecretSubcommand, string[]> = {
  generic: ["from-literal", "from-file", "from-env-file", "type", "append-hash"],
  tls: ["cert", "key", "append-hash"],
  "docker-registry": [
    "from-file",
    "docker-server",
    "docker-username",
    "docker-password",
    "docker-email",
    "append-hash",
  ],
};

const DEFAULT_DOCKER_SERVER = "https://index.docker.io/v1/";

/** UTF-8 text → standard base64, as the Secret's data holds it. */
export const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** Adds one key as kubectl's addKeyFromLiteralToSecret does: duplicates are an error. */
export function addKey(data: Record<string, string>, key: string, value: string) {
  if (Object.prototype.hasOwnProperty.call(data, key))
    throw new CliError(`error: cannot add key ${key}, another key by that name already exists`);
  data[key] = value;
}

/** --from-literal=key=value pairs, in order. */
export function literalSources(p: ParsedArgs): [string, string][] {
  return flagArray(p, "from-literal").map((s) => {
    const i = s.indexOf("=");
    if (i <= 0) throw new CliError(`error: invalid literal source ${s}, expected key=value`);
    return [s.slice(0, i), s.slice(i + 1)];
  });
}

const basename = (path: string) => path.replace(/\/+$/, "").split("/").pop() ?? path;

/**
 * --from-file=[key=]path: a file under its basename (or the given key), or every
 * file directly inside a directory. Read from the learner's workspace, then the host.
 */
export async function fileSources(ctx: CommandContext, p: ParsedArgs): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const source of flagArray(p, "from-file")) {
    const i = source.indexOf("=");
    const key = i < 0 ? "" : source.slice(0, i);
    const path = i < 0 ? source : source.slice(i + 1);
    if (i === 0) throw new CliError(`error: key name for file path ${path} missing`);
    if (i > 0 && !path) throw new CliError(`error: file path for key name ${key} missing`);
    const view = resolvePath(path).startsWith(`${HOME}/`)
      ? await workspaceView(ctx)
      : await fileView(ctx);
    const hit = lookup(view, path);
    if (hit.type === "missing")
      throw new CliError(`error: error reading ${path}: no such file or directory`);
    if (hit.type === "file") out.push([key || basename(path), hit.content]);
    else if (key) throw new CliError(`error: cannot give a key name for a directory path`);
    else
      for (const abs of hit.entries)
        if (!abs.slice(resolvePath(path).length + 1).includes("/"))
          out.push([basename(abs), view.files[abs]!]);
  }
  return out;
}

const ENV_KEY = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * --from-env-file: KEY=VALUE lines (leading blanks dropped, value kept as written),
 * blank and # lines skipped. A bare KEY takes the shell's variable, and the lab
 * shell has none, so it is empty.
 */
export async function envFileSources(
  ctx: CommandContext,
  p: ParsedArgs,
): Promise<[string, string][]> {
  const files = flagArray(p, "from-env-file");
  if (files.length && (flagArray(p, "from-file").length || flagArray(p, "from-literal").length))
    throw new CliError("error: from-env-file cannot be combined with from-file or from-literal");
  const out: [string, string][] = [];
  for (const path of files) {
    const text = await readFile(ctx, path);
    if (text === undefined)
      throw new CliError(`error: error reading ${path}: no such file or directory`);
    for (const raw of text.replace(/^\uFEFF/, "").split("\n")) {
      const line = raw.replace(/\r$/, "").replace(/^[ \t]+/, "");
      if (!line || line.startsWith("#")) continue;
      const i = line.indexOf("=");
      const key = i < 0 ? line : line.slice(0, i);
      if (!ENV_KEY.test(key))
        throw new CliError(
          `error: "${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
        );
      out.push([key, i < 0 ? "" : line.slice(i + 1)]);
    }
  }
  return out;
}

/** The data of a ConfigMap or generic Secret from literals, files and env files. */
export async function dataSources(ctx: CommandContext, p: ParsedArgs): Promise<[string, string][]> {
  const env = await envFileSources(ctx, p);
  return [...literalSources(p), ...(await fileSources(ctx, p)), ...env];
}

async function secretData(ctx: CommandContext, p: ParsedArgs): Promise<Record<string, string>> {
  const data: Record<string, string> = {};
  for (const [k, v] of await dataSources(ctx, p)) addKey(data, k, base64(v));
  return data;
}

function secret(name: string, ns: string, data: Record<string, string>, type?: string) {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace: ns },
    ...(Object.keys(data).length ? { data } : {}),
    ...(type ? { type } : {}),
  } as unknown as KubeObject;
}

/** PEM blocks of a text, as encoding/pem.Decode finds them. */
function pemBlocks(text: string): { type: string; pem: string }[] {
  const re = /-----BEGIN ([^\n-]+)-----[\s\S]*?-----END \1-----/g;
  return [...text.matchAll(re)].map((m) => ({ type: m[1]!, pem: m[0] }));
}

const isKeyBlock = (type: string) => type === "PRIVATE KEY" || type.endsWith(" PRIVATE KEY");

/** crypto/tls.X509KeyPair's checks and messages: PEM found, both parse, the keys match. */
export function checkKeyPair(certPem: string, keyPem: string): void {
  const certBlocks = pemBlocks(certPem);
  const cert = certBlocks.find((b) => b.type === "CERTIFICATE");
  if (!cert) {
    if (certBlocks.some((b) => isKeyBlock(b.type)))
      throw new CliError(
        "error: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched",
      );
    throw new CliError("error: tls: failed to find any PEM data in certificate input");
  }
  const keyBlocks = pemBlocks(keyPem);
  const key = keyBlocks.find((b) => isKeyBlock(b.type));
  if (!key) {
    if (keyBlocks.some((b) => b.type === "CERTIFICATE"))
      throw new CliError(
        "error: tls: found a certificate rather than a key in the PEM for the private key",
      );
    throw new CliError("error: tls: failed to find any PEM data in key input");
  }
  let publicKey: KeyObject;
  try {
    publicKey = new X509Certificate(cert.pem).publicKey;
  } catch {
    throw new CliError("error: x509: malformed certificate");
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key.pem);
  } catch {
    throw new CliError("error: tls: failed to parse private key");
  }
  const spki = (k: KeyObject) => k.export({ type: "spki", format: "der" });
  if (!spki(publicKey).equals(spki(createPublicKey(privateKey))))
    throw new CliError("error: tls: private key does not match public key");
}

async function readCertFile(ctx: CommandContext, path: string): Promise<string> {
  const text = await readFile(ctx, path);
  if (text === undefined)
    throw new CliError(`error: Cannot read file ${path}, open ${path}: no such file or directory`);
  return text;
}

/** Go's json.Marshal escapes <, >, & and U+2028/9 where JSON.stringify does not. */
const goJson = (v: unknown) => goJsonEscapes(JSON.stringify(v));

/** The Secret `kubectl create secret <sub> NAME` posts. */
export async function generateSecret(
  sub: SecretSubcommand,
  name: string,
  p: ParsedArgs,
  ns: string,
  ctx: CommandContext,
): Promise<KubeObject> {
  if (sub === "generic") return secret(name, ns, await secretData(ctx, p), flagString(p, "type"));
  if (sub === "tls") {
    const certPath = flagString(p, "cert") ?? "";
    const keyPath = flagString(p, "key") ?? "";
    if (!certPath || !keyPath) throw new CliError("error: key and cert must be specified");
    const cert = await readCertFile(ctx, certPath);
    const key = await readCertFile(ctx, keyPath);
    checkKeyPair(cert, key);
    return secret(
      name,
      ns,
      { "tls.crt": base64(cert), "tls.key": base64(key) },
      "kubernetes.io/tls",
    );
  }
  const files = await fileSources(ctx, p);
  const server = flagString(p, "docker-server") ?? DEFAULT_DOCKER_SERVER;
  const username = flagString(p, "docker-username") ?? "";
  const password = flagString(p, "docker-password") ?? "";
  const email = flagString(p, "docker-email") ?? "";
  if (files.length === 0 && (!username || !password || !server))
    throw new CliError(
      "error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required",
    );
  const data: Record<string, string> = {};
  if (files.length) for (const [k, v] of files) addKey(data, k, base64(v));
  else {
    const entry = {
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
      ...(email ? { email } : {}),
      auth: base64(`${username}:${password}`),
    };
    data[".dockerconfigjson"] = base64(goJson({ auths: { [server]: entry } }));
  }
  return secret(name, ns, data, "kubernetes.io/dockerconfigjson");
}
