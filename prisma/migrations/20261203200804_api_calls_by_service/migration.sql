-- AlterTable
ALTER TABLE "Scan" ADD COLUMN     "apiCallsByService" JSONB;

-- AlterTable
ALTER TABLE "ScanAccount" ADD COLUMN     "apiCallsByService" JSONB;
