-- Parts of sandboxes' metadata shared by many sandboxes, stored once: a lab template's
-- static pod manifests (world.staticPods, 34.8 KB of the 44.5 KB `meta` of a
-- cluster-anatomy sandbox) - the same for every sandbox copied from the template but for
-- their timestamps, which the sandbox row's sharedPodsShiftMs moves
-- (lib/db/sandboxes/shared-parts.ts). A new lab sandbox then stores a ~10 KB `meta`
-- instead of 45 KB, and Postgres parses ~10 KB of jsonb per insert instead of 45 KB.
-- Older sandboxes (sharedPods NULL) keep their manifests inside `meta` and read as before.

-- AlterTable
ALTER TABLE "Sandbox" ADD COLUMN     "sharedPods" TEXT,
ADD COLUMN     "sharedPodsShiftMs" BIGINT;

-- CreateTable
CREATE TABLE "SandboxShared" (
    "hash" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SandboxShared_pkey" PRIMARY KEY ("hash")
);

-- A shared row is never deleted while a sandbox references it. Nothing in the app
-- deletes these rows; this trigger refuses any delete (by hand, a future clean-up) of a
-- referenced one. No foreign key: its check locks the referenced row FOR KEY SHARE in
-- every insert, and a class opening a lab inserts 200 sandboxes referencing the same row
-- at once. The SHARE lock on "Sandbox" waits for inserts in flight (which may reference
-- the row without having committed) and holds new ones until the delete commits; a
-- sandbox inserted after that writes the row again (ON CONFLICT DO NOTHING finds none).
-- Not expressible in Prisma.
CREATE FUNCTION "sandbox_shared_keep_referenced"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "Sandbox" IN SHARE MODE;
  IF EXISTS (SELECT 1 FROM "Sandbox" s WHERE s."sharedPods" = OLD."hash") THEN
    RAISE EXCEPTION 'SandboxShared % is referenced by a sandbox', OLD."hash"
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN OLD;
END
$$;

CREATE TRIGGER "sandbox_shared_keep_referenced" BEFORE DELETE ON "SandboxShared"
  FOR EACH ROW EXECUTE FUNCTION "sandbox_shared_keep_referenced"();
