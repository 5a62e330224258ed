// CSV that Excel opens correctly with Korean text: UTF-8 with a byte order mark,
// CRLF line ends, RFC 4180 quoting. Cells that a spreadsheet would run as a
// formula (learner-chosen names like "=HYPERLINK(…)") are prefixed with a quote.

export const BOM = "\uFEFF";

export type CsvValue = string | number | boolean | null | undefined;

function cell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(cell).join(","));
  return BOM + lines.join("\r\n") + "\r\n";
}

/** The response of a CSV download, named in ASCII and in UTF-8 (RFC 6266). */
export function csvResponse(body: string, asciiName: string, utf8Name: string): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`,
      "cache-control": "no-store",
    },
  });
}
