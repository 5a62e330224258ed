"use client";

import { ArrowDown, ArrowUp } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { PresentedOption } from "@/lib/quiz/client-view";

/**
 * An ordering question without drag and drop: each item has "위로"/"아래로"
 * buttons, and Alt+↑/↓ moves the focused item. Focus follows the moved item and
 * a live region says where it went, so it works by keyboard and screen reader.
 */
export function OrderingField({
  name,
  options,
  order,
  disabled,
  onChange,
}: {
  name: string;
  options: PresentedOption[];
  order: string[];
  disabled: boolean;
  onChange: (order: string[]) => void;
}) {
  const [announce, setAnnounce] = useState("");
  const text = new Map(options.map((o) => [o.key, o.text]));

  function move(from: number, to: number, focus: "up" | "down" | "item") {
    if (to < 0 || to >= order.length) return;
    const next = [...order];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    onChange(next);
    setAnnounce(`"${text.get(item!)}" 항목을 ${to + 1}번째로 옮겼습니다.`);
    // After React renders the new order, keep focus on the moved item's control.
    requestAnimationFrame(() => {
      const target =
        focus === "item"
          ? `[data-order-item="${name}-${to}"]`
          : `[data-order-${focus}="${name}-${to}"]`;
      const el = document.querySelector<HTMLElement>(target);
      (el && !(el as HTMLButtonElement).disabled
        ? el
        : document.querySelector<HTMLElement>(`[data-order-item="${name}-${to}"]`)
      )?.focus();
    });
  }

  return (
    <div>
      <p id={`${name}-help`} className="mb-2 text-sm text-muted-foreground">
        버튼이나 Alt+↑/↓ 키로 항목의 순서를 바꾸세요. 위에서부터 첫 번째입니다.
      </p>
      <ol className="grid gap-2" aria-describedby={`${name}-help`}>
        {order.map((key, i) => (
          <li
            key={key}
            className="flex items-center gap-2 rounded-md border bg-background p-2"
            data-testid="ordering-item"
          >
            <span className="w-6 text-right text-sm text-muted-foreground tabular-nums" aria-hidden>
              {i + 1}.
            </span>
            <span
              tabIndex={disabled ? -1 : 0}
              data-order-item={`${name}-${i}`}
              className="flex-1 rounded-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
              aria-label={`${i + 1}번째: ${text.get(key)}`}
              onKeyDown={(e) => {
                if (disabled || !e.altKey) return;
                if (e.key === "ArrowUp") {
                  e.preventDefault();
                  move(i, i - 1, "item");
                } else if (e.key === "ArrowDown") {
                  e.preventDefault();
                  move(i, i + 1, "item");
                }
              }}
            >
              {text.get(key)}
            </span>
            <Button
              type="button"
              variant="outline"
              size="icon"
              className="size-8"
              disabled={disabled || i === 0}
              data-order-up={`${name}-${i}`}
              aria-label={`"${text.get(key)}" 위로 이동`}
              onClick={() => move(i, i - 1, "up")}
            >
              <ArrowUp aria-hidden />
            </Button>
            <Button
              type="button"
              variant="outline"
              size="icon"
              className="size-8"
              disabled={disabled || i === order.length - 1}
              data-order-down={`${name}-${i}`}
              aria-label={`"${text.get(key)}" 아래로 이동`}
              onClick={() => move(i, i + 1, "down")}
            >
              <ArrowDown aria-hidden />
            </Button>
          </li>
        ))}
      </ol>
      <p className="sr-only" aria-live="polite">
        {announce}
      </p>
    </div>
  );
}
