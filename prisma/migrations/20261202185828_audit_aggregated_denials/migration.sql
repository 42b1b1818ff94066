-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "count" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "lastAt" TIMESTAMP(3),
ADD COLUMN     "windowEnd" TIMESTAMP(3),
ADD COLUMN     "windowKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_windowKey_key" ON "AuditEvent"("windowKey");

-- The audit log stays append-only, with one narrow exception so that a flood of anonymous
-- denials is one row per source and window instead of one row per request: a row that carries
-- a window (windowKey) may have its count raised and its lastAt moved while that window is still
-- open. Nothing else of any row can change, closed windows are frozen, and DELETE and TRUNCATE
-- stay refused (the statement triggers of *_auth_and_audit).
DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent";

CREATE TRIGGER "AuditEvent_no_delete"
  BEFORE DELETE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();

CREATE FUNCTION "audit_event_count_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."windowKey" IS NOT NULL
     AND OLD."windowEnd" > (now() AT TIME ZONE 'UTC')
     AND NEW."count" > OLD."count"
     AND NEW."lastAt" IS NOT NULL
     AND (NEW."id", NEW."at", NEW."action", NEW."outcome", NEW."actorId", NEW."actor", NEW."ip", NEW."userAgent", NEW."target", NEW."details", NEW."windowKey", NEW."windowEnd")
         IS NOT DISTINCT FROM
         (OLD."id", OLD."at", OLD."action", OLD."outcome", OLD."actorId", OLD."actor", OLD."ip", OLD."userAgent", OLD."target", OLD."details", OLD."windowKey", OLD."windowEnd")
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'AuditEvent is append-only: UPDATE refused (only the count of an open window may grow)';
END;
$$;

CREATE TRIGGER "AuditEvent_count_only"
  BEFORE UPDATE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_count_only"();
