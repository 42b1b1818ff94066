-- DropForeignKey
ALTER TABLE "PermissionSetAction" DROP CONSTRAINT "PermissionSetAction_actionId_fkey";

-- DropForeignKey
ALTER TABLE "PermissionSetAction" DROP CONSTRAINT "PermissionSetAction_permissionSetId_fkey";

-- AlterTable, edited by hand so that existing rows get an empty bitset (no release had data yet)
ALTER TABLE "PermissionSet" ADD COLUMN     "actionBits" BYTEA NOT NULL DEFAULT '\x'::bytea;
ALTER TABLE "PermissionSet" ALTER COLUMN "actionBits" DROP DEFAULT;

-- DropTable
DROP TABLE "PermissionSetAction";
