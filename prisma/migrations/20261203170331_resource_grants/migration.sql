-- AlterTable
ALTER TABLE "RawExport" ADD COLUMN     "resources" BYTEA;

-- CreateTable
CREATE TABLE "ResourceGrant" (
    "id" SERIAL NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT,
    "service" TEXT NOT NULL,
    "resourceArn" TEXT NOT NULL,
    "principal" TEXT NOT NULL,
    "principalKind" TEXT NOT NULL,
    "statementPrincipal" TEXT NOT NULL,
    "externalAccountId" TEXT,
    "internal" BOOLEAN NOT NULL,
    "vendorName" TEXT,
    "awsService" TEXT,
    "party" TEXT NOT NULL DEFAULT 'internal',
    "actions" TEXT[],
    "accessLevels" TEXT[],
    "conditions" JSONB,
    "statements" INTEGER[],
    "findings" TEXT[],
    "risk" TEXT NOT NULL,
    "riskRank" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "firstSeenScanId" INTEGER NOT NULL,
    "changedScanId" INTEGER NOT NULL,
    "removedScanId" INTEGER,

    CONSTRAINT "ResourceGrant_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ResourceGrant_accountId_removedScanId_idx" ON "ResourceGrant"("accountId", "removedScanId");

-- CreateIndex
CREATE INDEX "ResourceGrant_party_removedScanId_idx" ON "ResourceGrant"("party", "removedScanId");

-- CreateIndex
CREATE INDEX "ResourceGrant_riskRank_idx" ON "ResourceGrant"("riskRank");
