import type { LessonFrontMatter } from "../schema/lesson-schema";

export interface LabAction {
  /** The command or file as it will be typed into the lab */
  text: string;
  href: string;
}

type LabLinks = LessonFrontMatter["labLinks"];

const RUNNABLE = /^(kubectl|etcdctl)\s/;

/**
 * The kubectl/etcdctl commands of a shell snippet, one per command: comment and
 * blank lines are skipped and backslash continuations are joined, so a
 * multi-line `kubectl exec … -- etcdctl \` becomes one runnable command.
 */
export function runnableCommands(script: string): string[] {
  const commands: string[] = [];
  let pending = "";
  for (const raw of script.split("\n")) {
    const line = raw.trim();
    if (pending === "" && (line === "" || line.startsWith("#"))) continue;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    const command = (pending + line).trim();
    pending = "";
    if (RUNNABLE.test(command)) commands.push(command);
  }
  return commands;
}

export function labForCommand(command: string, links: LabLinks): string {
  return links.commandOverrides.find((o) => command.includes(o.contains))?.lab ?? links.commandLab;
}

export function terminalActions(script: string, links: LabLinks): LabAction[] {
  return runnableCommands(script).map((text) => ({
    text,
    href: `/labs/${labForCommand(text, links)}?cmd=${encodeURIComponent(text)}`,
  }));
}

/** A kubeadm configuration opens in the editor of the lab that designs one. */
export function editorAction(yaml: string, links: LabLinks): LabAction | null {
  if (!/^apiVersion:\s*kubeadm\.k8s\.io\//m.test(yaml)) return null;
  const kind = /^kind:\s*(\S+)/m.exec(yaml)?.[1] ?? "kubeadm";
  return { text: kind, href: `/labs/${links.editorLab}?file=${encodeURIComponent(yaml)}` };
}
