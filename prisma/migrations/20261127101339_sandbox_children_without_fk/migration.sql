-- The rows of a sandbox (kine rows, log rows, terminal history) lose their foreign
-- key to the Sandbox table: a trigger deletes them with their sandbox instead.
--
-- Why: every inserted SandboxKv or SandboxLog row ran the check of the foreign key,
-- a lookup of the sandbox row FOR KEY SHARE through a trigger queued per row: about
-- 5.5 per terminal command, 17 of the ~53 buffer hits of the write statement, and
-- 4 % of the CPU of PostgreSQL in a profile of the exec route. What it guaranteed
-- already holds by the way these rows are written:
-- - every insert is part of ONE statement with the compare-and-swap of the sandbox
--   row (lib/db/sandboxes/rows.ts, the inserts are joined to the result of the
--   UPDATE), or of the statement that inserts the sandbox row itself. The UPDATE
--   locks the row until commit. A DELETE of the sandbox that commits first leaves
--   the UPDATE nothing to match, so nothing is written. A DELETE that comes later
--   waits for the commit of the writer and then, in this trigger, sees and deletes
--   the rows it wrote.
-- - deleting a sandbox (directly, or by deleting its owner: Sandbox.ownerId keeps
--   its ON DELETE CASCADE, and cascaded deletes fire this trigger) deletes its rows
--   in the same transaction, as ON DELETE CASCADE did.
-- tests/integration/sandbox-children-cascade.test.ts races deletes against writes
-- and finds no row without its sandbox. TerminalCommand never had the key (its rows
-- outlived a deleted owner) and now goes with its sandbox too.

-- DropForeignKey
ALTER TABLE "SandboxKv" DROP CONSTRAINT "SandboxKv_sandboxId_fkey";

-- DropForeignKey
ALTER TABLE "SandboxLog" DROP CONSTRAINT "SandboxLog_sandboxId_fkey";

-- One statement-level trigger: a bulk delete (all sandboxes of an owner) deletes the
-- rows of all of them with one DELETE per table. Not expressible in Prisma.
CREATE FUNCTION "sandbox_delete_children"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SandboxKv" k USING gone g WHERE k."sandboxId" = g."id";
  DELETE FROM "SandboxLog" l USING gone g WHERE l."sandboxId" = g."id";
  DELETE FROM "TerminalCommand" t USING gone g WHERE t."sandboxId" = g."id";
  RETURN NULL;
END
$$;

CREATE TRIGGER "sandbox_delete_children" AFTER DELETE ON "Sandbox"
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION "sandbox_delete_children"();
