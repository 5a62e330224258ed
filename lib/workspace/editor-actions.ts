// Pure decisions of the lab editor: which commands a file's buttons run, what a
// file opened from a lesson link is called, and how to name a file without
// overwriting another.

const KUBEADM = /^apiVersion:\s*["']?kubeadm\.k8s\.io\//m;

/** Whether the editor shows the kubeadm buttons (검증, kubeadm init) for this text. */
export function isKubeadmConfig(content: string): boolean {
  return KUBEADM.test(content);
}

export interface EditorCommand {
  /** What runs on the server. */
  command: string;
  /** What the terminal shows (the file's name instead of "-"). */
  display: string;
  stdin?: string;
  /** The file must be saved first: the terminal reads it from the workspace. */
  needsSavedFile: boolean;
}

/** 적용: `kubectl apply -f -` with the editor text as stdin. */
export function applyCommand(path: string, content: string): EditorCommand {
  return {
    command: "kubectl apply -f -",
    display: `kubectl apply -f - < ${path}`,
    stdin: content,
    needsSavedFile: false,
  };
}

/** 검증: kubeadm's own validation of the saved file. */
export function validateCommand(path: string): EditorCommand {
  const command = `kubeadm config validate --config ${path}`;
  return { command, display: command, needsSavedFile: true };
}

export function initCommand(path: string): EditorCommand {
  const command = `kubeadm init --config ${path}`;
  return { command, display: command, needsSavedFile: true };
}

/** `base` if free, else base-2.ext, base-3.ext… (the lesson link never overwrites a draft). */
export function uniqueFileName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  const dot = base.lastIndexOf(".");
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot) : "";
  for (let i = 2; ; i++) {
    const name = `${stem}-${i}${ext}`;
    if (!taken.includes(name)) return name;
  }
}

/**
 * Where a lesson's "에디터에서 열기" text lands: an existing file with the same
 * content is reused; otherwise a new kubeadm-config(.N).yaml is made.
 */
export function fileForOpenedText(
  content: string,
  files: readonly { path: string; content: string }[],
): { path: string; isNew: boolean } {
  const same = files.find((f) => f.content === content);
  if (same) return { path: same.path, isNew: false };
  const base = isKubeadmConfig(content) ? "kubeadm-config.yaml" : "manifest.yaml";
  return {
    path: uniqueFileName(
      base,
      files.map((f) => f.path),
    ),
    isNew: true,
  };
}
