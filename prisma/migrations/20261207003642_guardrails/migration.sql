-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "guardrails" JSONB,
ADD COLUMN     "guardrailsScanId" INTEGER;

-- AlterTable
ALTER TABLE "ResourceGrant" ADD COLUMN     "blockedBy" JSONB;

-- AlterTable
ALTER TABLE "Trust" ADD COLUMN     "blockedBy" JSONB;
