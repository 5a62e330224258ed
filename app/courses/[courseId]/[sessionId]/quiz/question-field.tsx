"use client";

import type { PresentedQuestion } from "@/lib/quiz/client-view";
import type { ClientResponse } from "@/lib/quiz/responses";
import { OrderingField } from "./ordering-field";
import { QuizText } from "./quiz-format";

const TYPE_LABEL: Record<PresentedQuestion["type"], string> = {
  single: "하나 고르기",
  multiple: "모두 고르기",
  ordering: "순서 맞추기",
  short: "단답형",
  numeric: "숫자",
  cluster: "내 클러스터에서 확인",
};

/** One question as a fieldset: native radios/checkboxes/inputs, so the keyboard just works. */
export function QuestionField({
  question: q,
  value,
  disabled,
  onChange,
}: {
  question: PresentedQuestion;
  value: ClientResponse | undefined;
  disabled: boolean;
  onChange: (r: ClientResponse, immediate: boolean) => void;
}) {
  const name = `q-${q.key}`;
  const legend = (
    <legend className="mb-3 font-medium">
      <span className="mr-2 text-primary tabular-nums">{q.number}.</span>
      <QuizText text={q.prompt} />
      <span className="ml-2 text-xs font-normal text-muted-foreground">
        ({TYPE_LABEL[q.type]} · {q.points}점)
      </span>
    </legend>
  );
  const options = q.options ?? [];
  let body: React.ReactNode;
  if (q.type === "single" || q.type === "multiple") {
    const chosen = new Set(
      value && "choice" in value
        ? [value.choice]
        : value && "choices" in value
          ? value.choices
          : [],
    );
    body = (
      <div className="grid gap-2">
        {options.map((o) => (
          <label
            key={o.key}
            className="flex cursor-pointer items-start gap-3 rounded-md border p-3 has-[:checked]:border-primary has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50"
          >
            <input
              type={q.type === "single" ? "radio" : "checkbox"}
              name={name}
              value={o.key}
              className="mt-1 accent-[var(--primary)]"
              checked={chosen.has(o.key)}
              disabled={disabled}
              onChange={(e) => {
                if (q.type === "single") onChange({ choice: o.key }, true);
                else {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(o.key);
                  else next.delete(o.key);
                  onChange({ choices: options.map((x) => x.key).filter((k) => next.has(k)) }, true);
                }
              }}
            />
            <span>{o.text}</span>
          </label>
        ))}
      </div>
    );
  } else if (q.type === "ordering") {
    const order = value && "order" in value ? value.order : options.map((o) => o.key);
    body = (
      <OrderingField
        name={name}
        options={options}
        order={order}
        disabled={disabled}
        onChange={(next) => onChange({ order: next }, true)}
      />
    );
  } else {
    const text = value && "text" in value ? value.text : "";
    body = (
      <div className="grid gap-2">
        {q.hint && (
          <p className="text-sm text-muted-foreground">
            실습 터미널에서 확인: <code className="rounded bg-muted px-1 font-mono">{q.hint}</code>
          </p>
        )}
        <div className="flex items-center gap-2">
          <input
            id={`${name}-input`}
            name={name}
            type="text"
            inputMode={q.type === "numeric" ? "decimal" : "text"}
            autoComplete="off"
            spellCheck={false}
            maxLength={500}
            aria-label={`${q.number}번 답`}
            placeholder={q.placeholder}
            className="h-10 w-full max-w-sm rounded-md border border-input bg-background px-3 text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
            value={text}
            disabled={disabled}
            onChange={(e) => onChange({ text: e.target.value }, false)}
            onBlur={(e) => onChange({ text: e.target.value }, true)}
          />
          {q.unit && <span className="text-sm">{q.unit}</span>}
        </div>
      </div>
    );
  }
  return (
    <fieldset className="rounded-lg border p-4" data-testid="quiz-question" data-type={q.type}>
      {legend}
      {body}
    </fieldset>
  );
}
