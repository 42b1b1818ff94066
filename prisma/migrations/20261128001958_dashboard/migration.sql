-- AlterTable
ALTER TABLE "ChangeEvent" ADD COLUMN     "party" TEXT;

-- AlterTable
ALTER TABLE "Scan" ADD COLUMN     "summary" JSONB;

-- AlterTable
ALTER TABLE "Trust" ADD COLUMN     "party" TEXT NOT NULL DEFAULT 'internal';

-- Backfill: who holds each stored trust, as lib/inventory/party.ts computes it
UPDATE "Trust" SET "party" = CASE
  WHEN "internal" THEN 'internal'
  WHEN "vendorName" IS NOT NULL THEN 'vendor:' || "vendorName"
  WHEN "awsService" IS NOT NULL THEN 'aws:' || "awsService"
  WHEN "principalKind" = 'wildcard' THEN 'anyone'
  WHEN "principalKind" = 'unknown-id' THEN 'deleted:' || "principal"
  WHEN "externalAccountId" IS NOT NULL THEN 'account:' || "externalAccountId"
  ELSE 'other:' || "principal"
END;

-- Backfill, best effort: events of named vendors and of unknown accounts
UPDATE "ChangeEvent" SET "party" = CASE
  WHEN "vendorName" IS NOT NULL THEN 'vendor:' || "vendorName"
  WHEN "externalAccountId" IS NOT NULL THEN 'account:' || "externalAccountId"
  ELSE NULL
END;

-- CreateTable
CREATE TABLE "UserAttribution" (
    "userArn" TEXT NOT NULL,
    "vendorName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserAttribution_pkey" PRIMARY KEY ("userArn")
);

-- CreateIndex
CREATE INDEX "ChangeEvent_party_createdAt_idx" ON "ChangeEvent"("party", "createdAt");

-- CreateIndex
CREATE INDEX "Trust_party_removedScanId_idx" ON "Trust"("party", "removedScanId");
