// Splits a command line into a pipeline of argv arrays, with bash's quoting rules
// (single quotes literal, double quotes with \" \\ \$ \` escapes, backslash outside
// quotes). Nothing is ever handed to a real shell: this is the whole "shell".

import { CliError } from "../errors";

/** bash's exit status for syntax errors. */
const SYNTAX = 2;

/** Characters bash treats as operators we do not simulate (redirection, jobs, lists). */
const UNSUPPORTED_OPERATORS = new Set([">", "<", "&", ";", "(", ")", "`"]);

export interface Pipeline {
  stages: string[][];
}

function unsupported(op: string): CliError {
  return new CliError(`bash: '${op}': 이 실습 터미널은 파이프(|)만 지원합니다`, SYNTAX);
}

export function lex(line: string): Pipeline {
  const stages: string[][] = [[]];
  let word: string | null = null;
  let i = 0;
  const push = () => {
    if (word !== null) stages[stages.length - 1]!.push(word);
    word = null;
  };
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === " " || ch === "\t" || ch === "\n") {
      push();
      i++;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0)
        throw new CliError("bash: unexpected EOF while looking for matching `''", SYNTAX);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      let j = i + 1;
      let text = "";
      for (;;) {
        if (j >= line.length)
          throw new CliError("bash: unexpected EOF while looking for matching `\"'", SYNTAX);
        const c = line[j]!;
        if (c === '"') break;
        if (c === "\\" && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) {
          text += line[j + 1];
          j += 2;
        } else {
          text += c;
          j++;
        }
      }
      word = (word ?? "") + text;
      i = j + 1;
    } else if (ch === "\\") {
      // A trailing backslash continues the line in bash; here the line ends.
      if (i + 1 < line.length) word = (word ?? "") + line[i + 1];
      i += 2;
    } else if (ch === "|") {
      push();
      if (line[i + 1] === "|") throw unsupported("||");
      if (stages[stages.length - 1]!.length === 0)
        throw new CliError("bash: syntax error near unexpected token `|'", SYNTAX);
      stages.push([]);
      i++;
    } else if (ch === "#" && word === null) {
      break; // a comment runs to the end of the line
    } else if (UNSUPPORTED_OPERATORS.has(ch)) {
      if (ch === "&" && line[i + 1] === "&") throw unsupported("&&");
      throw unsupported(ch);
    } else {
      word = (word ?? "") + ch;
      i++;
    }
  }
  push();
  if (stages.length > 1 && stages[stages.length - 1]!.length === 0)
    throw new CliError("bash: syntax error: unexpected end of file", SYNTAX);
  return { stages: stages.filter((s, idx) => s.length > 0 || idx > 0) };
}
