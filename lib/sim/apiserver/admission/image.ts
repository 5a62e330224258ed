// The tag rule behind the imagePullPolicy default (parsers.ParseImageName): an image without a
// tag or digest means ":latest".

/** The image's tag, "latest" when none is given, "" when pinned by digest only. */
export function imageTag(image: string): string {
  const [nameAndTag = "", digest] = image.split("@");
  const lastSlash = nameAndTag.lastIndexOf("/");
  const lastColon = nameAndTag.lastIndexOf(":");
  if (lastColon > lastSlash) return nameAndTag.slice(lastColon + 1);
  return digest === undefined ? "latest" : "";
}

export function defaultPullPolicy(image: string): "Always" | "IfNotPresent" {
  return imageTag(image) === "latest" ? "Always" : "IfNotPresent";
}
