-- The loops column (the records of the scheduler, 5-30 KB of JSON) becomes text.
-- Nothing queries inside it: the app writes it whole and reads it whole. As jsonb,
-- every write that changed it made PostgreSQL parse it into the binary form of jsonb
-- first (with the hot column, 4 % of its CPU in a profile of the exec route). TOAST
-- still compresses it. Existing values keep their content (the text form of jsonb,
-- the same JSON).

-- AlterTable
ALTER TABLE "Sandbox" ALTER COLUMN "loops" SET DATA TYPE TEXT USING "loops"::text;
