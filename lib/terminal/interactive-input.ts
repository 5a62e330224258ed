// Commands that read their input from the terminal line by line, as a real tty would
// let them: `etcdctl txn` (and `etcdctl txn -i`, which prompts like etcdctl 3.5:
// "compares:", "success requests (get, put, del):", "failure requests (get, put, del):").
// The browser terminal collects the lines locally - each section ends with an empty
// line - then runs the command once with them as stdin. Pure: shared by the browser
// terminal (components/terminal) and its tests.

import { lex } from "@/lib/sim/cli/shell/lex";

const TXN_PROMPTS = [
  "compares:",
  "success requests (get, put, del):",
  "failure requests (get, put, del):",
] as const;

const ETCDCTL_COMMANDS = new Set([
  "get",
  "put",
  "del",
  "txn",
  "watch",
  "compaction",
  "lease",
  "alarm",
  "defrag",
  "member",
  "endpoint",
  "snapshot",
  "version",
  "check",
  "move-leader",
  "auth",
  "user",
  "role",
]);

export interface InteractiveInput {
  /** The command line to run once the input is complete. */
  command: string;
  /** One prompt per section, or null when the tool prints none (etcdctl txn without -i). */
  prompts: readonly string[] | null;
  /** Sections read so far and the lines of the current one. */
  section: number;
  lines: string[];
  /** What the terminal has shown (prompts and typed lines), as the tool would print it. */
  echoed: string;
}

/** etcdctl's words in a line: the line itself, or what follows `kubectl exec … --`. */
function etcdctlWords(words: string[]): string[] | undefined {
  if (words[0] === "etcdctl") return words;
  if ((words[0] === "kubectl" || words[0] === "k") && words[1] === "exec") {
    const dd = words.indexOf("--");
    if (dd > 0 && words[dd + 1] === "etcdctl") return words.slice(dd + 1);
  }
  return undefined;
}

/**
 * The interactive session a line starts, or undefined when it runs at once: only
 * `etcdctl … txn …` as the first stage of a line (a pipe into it supplies stdin).
 */
export function interactiveInput(line: string): InteractiveInput | undefined {
  let stages;
  try {
    stages = lex(line).stages;
  } catch {
    return undefined;
  }
  const first = stages[0];
  if (!first) return undefined;
  const words = etcdctlWords([...first]);
  if (!words) return undefined;
  // The first word naming an etcdctl command (a global flag's separate value, as in
  // `--endpoints x`, names none): `etcdctl get txn` reads the key "txn", no input.
  const command = words.slice(1).find((w) => ETCDCTL_COMMANDS.has(w));
  if (command !== "txn") return undefined;
  const prompts = words.some((w) => /^(-i|--interactive)(=true)?$/.test(w)) ? TXN_PROMPTS : null;
  const echoed = prompts ? `${prompts[0]}\n` : "";
  return { command: line, prompts, section: 0, lines: [], echoed };
}

export interface FeedResult {
  state: InteractiveInput;
  /** Text to show after the typed line (the next section's prompt). */
  write: string;
  /** The whole input once the three sections are complete. */
  stdin?: string;
}

/** One typed line: an empty line closes the section (and prints the next prompt). */
export function feedLine(s: InteractiveInput, line: string): FeedResult {
  const lines = [...s.lines, line];
  let echoed = `${s.echoed}${line}\n`;
  if (line.trim() !== "") return { state: { ...s, lines, echoed }, write: "" };
  const section = s.section + 1;
  if (section === TXN_PROMPTS.length)
    return {
      state: { ...s, lines, echoed, section },
      write: "",
      stdin: lines.map((l) => `${l}\n`).join(""),
    };
  const prompt = s.prompts ? `${s.prompts[section]}\n` : "";
  echoed += prompt;
  return { state: { ...s, lines, section, echoed }, write: prompt };
}

/** The tool's output without what the terminal already showed while the lines were typed. */
export function withoutEcho(stdout: string, echoed: string): string {
  return echoed && stdout.startsWith(echoed) ? stdout.slice(echoed.length) : stdout;
}
