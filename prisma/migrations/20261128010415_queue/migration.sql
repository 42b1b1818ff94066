-- AlterTable
ALTER TABLE "Scan" ADD COLUMN     "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "executor" TEXT NOT NULL DEFAULT 'inline';
