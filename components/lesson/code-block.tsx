import { FilePenLine, SquareTerminal } from "lucide-react";
import type { ReactNode } from "react";
import type { CodeBlockInfo } from "@/lib/content/markdown/code-blocks";
import { CopyButton } from "./copy-button";

const LANG_LABEL: Record<string, string> = { yaml: "YAML", bash: "Bash" };

/**
 * A highlighted code block with copy, "에디터에서 열기" for kubeadm configs and
 * "실습 터미널에서 실행" for each kubectl/etcdctl command. Tree drawings are
 * collapsible and scroll sideways instead of wrapping.
 */
export function CodeBlock({ block, children }: { block: CodeBlockInfo; children: ReactNode }) {
  const label = block.isTree ? "구조도" : (LANG_LABEL[block.lang ?? ""] ?? "코드");
  const body = (
    <div className="lesson-code">
      <div className="lesson-code-toolbar">
        <span className="lesson-code-lang">{label}</span>
        <span className="flex items-center gap-1">
          {block.editor && (
            <a className="lesson-tool" href={block.editor.href}>
              <FilePenLine aria-hidden className="size-4" />
              <span>에디터에서 열기</span>
            </a>
          )}
          <CopyButton text={block.code} label={label} />
        </span>
      </div>
      {children}
      {block.terminal.length > 0 && (
        <ul className="lesson-commands" aria-label="이 예시의 명령을 실습 터미널에서 실행">
          {block.terminal.map((action) => (
            <li key={action.href}>
              <code>{action.text}</code>
              <a
                className="lesson-tool"
                href={action.href}
                aria-label={`실습 터미널에서 실행: ${action.text}`}
              >
                <SquareTerminal aria-hidden className="size-4" />
                <span>실습 터미널에서 실행</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  if (!block.isTree) return body;
  return (
    <details open className="lesson-tree">
      <summary>구조도 접기/펼치기: {block.title}</summary>
      {body}
    </details>
  );
}
