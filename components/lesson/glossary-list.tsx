import type { GlossaryEntry } from "@/lib/content/markdown/glossary";

/** All keywords with their definitions; the hover tooltips point here for screen readers. */
export function GlossaryList({ entries }: { entries: GlossaryEntry[] }) {
  return (
    <section aria-labelledby="glossary-heading" className="lesson-glossary">
      <h2 id="glossary-heading">용어 사전</h2>
      <dl>
        {entries.map((e) => (
          <div key={e.definitionId}>
            <dt>
              <a href={e.href}>{e.term}</a>
            </dt>
            <dd id={e.definitionId}>{e.definition}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
