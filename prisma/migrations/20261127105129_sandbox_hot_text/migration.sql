-- The hot column (PRNG, clock, revision counters, etcd progress: ~0.5 KB of JSON that
-- every write replaces) becomes text, like loops (20261127101754_sandbox_loops_text):
-- nothing queries inside it, and its jsonb parse on every write was most of what
-- remained of jsonb input in a profile of the exec route. Existing values keep their
-- content (the text form of jsonb, the same JSON).

-- AlterTable
ALTER TABLE "Sandbox" ALTER COLUMN "hot" SET DATA TYPE TEXT USING "hot"::text;
