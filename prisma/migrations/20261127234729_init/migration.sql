-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL,
    "managementAccountId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "status" TEXT,
    "ouPath" TEXT,
    "firstSeenScanId" INTEGER NOT NULL,
    "removedScanId" INTEGER,
    "lastScanId" INTEGER,
    "lastSuccessScanId" INTEGER,
    "lastSuccessAt" TIMESTAMP(3),
    "lastError" TEXT,
    "staleSince" TIMESTAMP(3),

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vendor" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'vendor',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Vendor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VendorAccount" (
    "accountId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "vendorId" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VendorAccount_pkey" PRIMARY KEY ("accountId","source")
);

-- CreateTable
CREATE TABLE "ExternalAccount" (
    "id" TEXT NOT NULL,
    "firstSeenScanId" INTEGER NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExternalAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Role" (
    "id" SERIAL NOT NULL,
    "accountId" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "roleId" TEXT,
    "createDate" TIMESTAMP(3),
    "lastUsed" TIMESTAMP(3),
    "lastUsedRegion" TEXT,
    "lastUsedKnown" BOOLEAN NOT NULL DEFAULT false,
    "trustPolicy" JSONB NOT NULL,
    "permissionSetId" INTEGER NOT NULL,
    "firstSeenScanId" INTEGER NOT NULL,
    "changedScanId" INTEGER NOT NULL,
    "removedScanId" INTEGER,

    CONSTRAINT "Role_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Trust" (
    "id" SERIAL NOT NULL,
    "roleId" INTEGER NOT NULL,
    "accountId" TEXT NOT NULL,
    "principal" TEXT NOT NULL,
    "principalKind" TEXT NOT NULL,
    "statementPrincipal" TEXT NOT NULL,
    "externalAccountId" TEXT,
    "provider" TEXT,
    "internal" BOOLEAN NOT NULL,
    "vendorName" TEXT,
    "awsService" TEXT,
    "externalId" TEXT,
    "conditions" JSONB,
    "statements" INTEGER[],
    "findings" TEXT[],
    "risk" TEXT NOT NULL,
    "riskRank" INTEGER NOT NULL,
    "firstSeenScanId" INTEGER NOT NULL,
    "changedScanId" INTEGER NOT NULL,
    "removedScanId" INTEGER,

    CONSTRAINT "Trust_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PermissionSet" (
    "id" SERIAL NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "admin" BOOLEAN NOT NULL,
    "accessLevels" TEXT[],
    "privilegeEscalation" TEXT[],
    "actionCount" INTEGER NOT NULL,
    "writeActionCount" INTEGER NOT NULL,
    "summary" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PermissionSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Action" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "accessLevels" TEXT[],

    CONSTRAINT "Action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PermissionSetAction" (
    "permissionSetId" INTEGER NOT NULL,
    "actionId" INTEGER NOT NULL,

    CONSTRAINT "PermissionSetAction_pkey" PRIMARY KEY ("permissionSetId","actionId")
);

-- CreateTable
CREATE TABLE "IamUser" (
    "id" SERIAL NOT NULL,
    "accountId" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "userId" TEXT,
    "createDate" TIMESTAMP(3),
    "tags" JSONB NOT NULL,
    "passwordEnabled" BOOLEAN,
    "passwordLastUsed" TIMESTAMP(3),
    "firstSeenScanId" INTEGER NOT NULL,
    "removedScanId" INTEGER,

    CONSTRAINT "IamUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessKey" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "slot" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL,
    "lastRotated" TIMESTAMP(3),
    "lastUsed" TIMESTAMP(3),
    "lastUsedService" TEXT,
    "lastUsedRegion" TEXT,
    "firstSeenScanId" INTEGER NOT NULL,
    "removedScanId" INTEGER,

    CONSTRAINT "AccessKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Scan" (
    "id" SERIAL NOT NULL,
    "status" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "startedBy" TEXT,
    "source" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),
    "accountsTotal" INTEGER NOT NULL DEFAULT 0,
    "accountsOk" INTEGER NOT NULL DEFAULT 0,
    "accountsFailed" INTEGER NOT NULL DEFAULT 0,
    "apiCalls" INTEGER NOT NULL DEFAULT 0,
    "changes" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "warnings" TEXT[],
    "options" JSONB,

    CONSTRAINT "Scan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScanAccount" (
    "scanId" INTEGER NOT NULL,
    "accountId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "apiCalls" INTEGER NOT NULL DEFAULT 0,
    "roles" INTEGER NOT NULL DEFAULT 0,
    "users" INTEGER NOT NULL DEFAULT 0,
    "trusts" INTEGER NOT NULL DEFAULT 0,
    "changes" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ScanAccount_pkey" PRIMARY KEY ("scanId","accountId")
);

-- CreateTable
CREATE TABLE "ChangeEvent" (
    "id" SERIAL NOT NULL,
    "scanId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "accountId" TEXT,
    "roleArn" TEXT,
    "principal" TEXT,
    "vendorName" TEXT,
    "externalAccountId" TEXT,
    "summary" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChangeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RawExport" (
    "accountId" TEXT NOT NULL,
    "scanId" INTEGER NOT NULL,
    "capturedAt" TIMESTAMP(3) NOT NULL,
    "sha256" TEXT NOT NULL,
    "authorizationDetails" BYTEA NOT NULL,
    "credentialReport" BYTEA,

    CONSTRAINT "RawExport_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "Account_removedScanId_idx" ON "Account"("removedScanId");

-- CreateIndex
CREATE UNIQUE INDEX "Vendor_name_key" ON "Vendor"("name");

-- CreateIndex
CREATE INDEX "VendorAccount_vendorId_idx" ON "VendorAccount"("vendorId");

-- CreateIndex
CREATE INDEX "Role_accountId_removedScanId_idx" ON "Role"("accountId", "removedScanId");

-- CreateIndex
CREATE INDEX "Role_arn_idx" ON "Role"("arn");

-- CreateIndex
CREATE INDEX "Role_permissionSetId_idx" ON "Role"("permissionSetId");

-- CreateIndex
CREATE INDEX "Trust_accountId_removedScanId_idx" ON "Trust"("accountId", "removedScanId");

-- CreateIndex
CREATE INDEX "Trust_roleId_idx" ON "Trust"("roleId");

-- CreateIndex
CREATE INDEX "Trust_externalAccountId_idx" ON "Trust"("externalAccountId");

-- CreateIndex
CREATE INDEX "Trust_vendorName_idx" ON "Trust"("vendorName");

-- CreateIndex
CREATE INDEX "Trust_riskRank_idx" ON "Trust"("riskRank");

-- CreateIndex
CREATE UNIQUE INDEX "PermissionSet_fingerprint_key" ON "PermissionSet"("fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "Action_key_key" ON "Action"("key");

-- CreateIndex
CREATE INDEX "Action_service_idx" ON "Action"("service");

-- CreateIndex
CREATE INDEX "PermissionSetAction_actionId_idx" ON "PermissionSetAction"("actionId");

-- CreateIndex
CREATE INDEX "IamUser_accountId_removedScanId_idx" ON "IamUser"("accountId", "removedScanId");

-- CreateIndex
CREATE INDEX "AccessKey_userId_removedScanId_idx" ON "AccessKey"("userId", "removedScanId");

-- CreateIndex
CREATE INDEX "Scan_status_idx" ON "Scan"("status");

-- CreateIndex
CREATE INDEX "ScanAccount_accountId_idx" ON "ScanAccount"("accountId");

-- CreateIndex
CREATE INDEX "ChangeEvent_scanId_idx" ON "ChangeEvent"("scanId");

-- CreateIndex
CREATE INDEX "ChangeEvent_vendorName_createdAt_idx" ON "ChangeEvent"("vendorName", "createdAt");

-- CreateIndex
CREATE INDEX "ChangeEvent_accountId_createdAt_idx" ON "ChangeEvent"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "ChangeEvent_roleArn_idx" ON "ChangeEvent"("roleArn");

-- AddForeignKey
ALTER TABLE "VendorAccount" ADD CONSTRAINT "VendorAccount_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Role" ADD CONSTRAINT "Role_permissionSetId_fkey" FOREIGN KEY ("permissionSetId") REFERENCES "PermissionSet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Trust" ADD CONSTRAINT "Trust_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PermissionSetAction" ADD CONSTRAINT "PermissionSetAction_permissionSetId_fkey" FOREIGN KEY ("permissionSetId") REFERENCES "PermissionSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PermissionSetAction" ADD CONSTRAINT "PermissionSetAction_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessKey" ADD CONSTRAINT "AccessKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "IamUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScanAccount" ADD CONSTRAINT "ScanAccount_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
