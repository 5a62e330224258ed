// A stored quiz response (JSON text, as grouped in SQL) in words for the
// insight page: option ids become their Korean text, orderings read with arrows.

export function describeResponse(json: string, labels: Record<string, string>): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  const label = (id: unknown) => (typeof id === "string" ? (labels[id] ?? id) : String(id));
  if (value && typeof value === "object") {
    const v = value as { choice?: unknown; choices?: unknown; order?: unknown; text?: unknown };
    if (v.choice !== undefined) return label(v.choice);
    if (Array.isArray(v.choices))
      return v.choices.length ? v.choices.map(label).join(", ") : "(선택 없음)";
    if (Array.isArray(v.order)) return v.order.map(label).join(" → ");
    if (typeof v.text === "string") return v.text.trim() === "" ? "(빈 답)" : v.text;
  }
  return json;
}
