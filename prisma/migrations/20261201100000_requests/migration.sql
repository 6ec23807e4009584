-- 依申请公开 (issue 8): requests with their append-only events, reply letters and notices, fees,
-- 行政复议/诉讼 cases and the per-year serials of 登记编号 and 答复书文号. The applicant's personal
-- data is sealed by the application (AES-256-GCM) before it reaches this table.

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('RECEIVED_ONLINE', 'REGISTERED', 'CORRECTION_REQUESTED', 'IN_PROGRESS', 'REPLY_DRAFTED', 'REPLY_APPROVED', 'CLOSED');

-- CreateEnum
CREATE TYPE "RequestDocumentKind" AS ENUM ('REPLY', 'CORRECTION_NOTICE', 'EXTENSION_NOTICE', 'THIRD_PARTY_LETTER', 'FEE_NOTICE');

-- CreateTable
CREATE TABLE "DisclosureRequest" (
    "id" TEXT NOT NULL,
    "number" TEXT,
    "trackingCodeHash" TEXT,
    "channel" TEXT NOT NULL,
    "applicantType" TEXT NOT NULL,
    "idType" TEXT,
    "personalData" TEXT,
    "applicantNameMasked" TEXT NOT NULL DEFAULT '',
    "idNumberMasked" TEXT NOT NULL DEFAULT '',
    "applicantKey" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "purpose" TEXT NOT NULL DEFAULT '',
    "deliveryForm" TEXT,
    "deliveryMethod" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "receivedOn" DATE,
    "status" "RequestStatus" NOT NULL,
    "assignedDepartmentId" TEXT,
    "outcome" TEXT,
    "closedOn" DATE,
    "replyNumber" TEXT,
    "createdById" TEXT,
    "imported" BOOLEAN NOT NULL DEFAULT false,
    "idCopyFileId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DisclosureRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestEvent" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "on" DATE NOT NULL,
    "data" JSONB NOT NULL,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestDocument" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "kind" "RequestDocumentKind" NOT NULL,
    "number" TEXT,
    "outcome" TEXT,
    "fields" JSONB NOT NULL,
    "providedItemId" TEXT,
    "draftedById" TEXT NOT NULL,
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "returnedAt" TIMESTAMP(3),
    "returnComment" TEXT,
    "deliveredOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeeCharge" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "amountYuan" INTEGER NOT NULL,
    "noticeOn" DATE NOT NULL,
    "paidOn" DATE,
    "issuedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeeCharge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppealCase" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requestId" TEXT,
    "filedOn" DATE NOT NULL,
    "result" TEXT NOT NULL,
    "concludedOn" DATE,
    "note" TEXT NOT NULL DEFAULT '',
    "imported" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppealCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestSequence" (
    "kind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "lastValue" INTEGER NOT NULL,

    CONSTRAINT "RequestSequence_pkey" PRIMARY KEY ("kind","year")
);

-- CreateIndex
CREATE UNIQUE INDEX "DisclosureRequest_number_key" ON "DisclosureRequest"("number");

-- CreateIndex
CREATE UNIQUE INDEX "DisclosureRequest_trackingCodeHash_key" ON "DisclosureRequest"("trackingCodeHash");

-- CreateIndex
CREATE UNIQUE INDEX "DisclosureRequest_replyNumber_key" ON "DisclosureRequest"("replyNumber");

-- CreateIndex
CREATE INDEX "DisclosureRequest_receivedOn_applicantType_idx" ON "DisclosureRequest"("receivedOn", "applicantType");

-- CreateIndex
CREATE INDEX "DisclosureRequest_closedOn_outcome_applicantType_idx" ON "DisclosureRequest"("closedOn", "outcome", "applicantType");

-- CreateIndex
CREATE INDEX "DisclosureRequest_status_assignedDepartmentId_idx" ON "DisclosureRequest"("status", "assignedDepartmentId");

-- CreateIndex
CREATE INDEX "DisclosureRequest_assignedDepartmentId_idx" ON "DisclosureRequest"("assignedDepartmentId");

-- CreateIndex
CREATE INDEX "DisclosureRequest_applicantKey_idx" ON "DisclosureRequest"("applicantKey");

-- CreateIndex
CREATE INDEX "DisclosureRequest_createdById_idx" ON "DisclosureRequest"("createdById");

-- CreateIndex
CREATE INDEX "DisclosureRequest_idCopyFileId_idx" ON "DisclosureRequest"("idCopyFileId");

-- CreateIndex
CREATE INDEX "RequestEvent_actorId_idx" ON "RequestEvent"("actorId");

-- CreateIndex
CREATE UNIQUE INDEX "RequestEvent_requestId_seq_key" ON "RequestEvent"("requestId", "seq");

-- CreateIndex
CREATE INDEX "RequestDocument_requestId_kind_idx" ON "RequestDocument"("requestId", "kind");

-- CreateIndex
CREATE INDEX "RequestDocument_providedItemId_idx" ON "RequestDocument"("providedItemId");

-- CreateIndex
CREATE INDEX "RequestDocument_draftedById_idx" ON "RequestDocument"("draftedById");

-- CreateIndex
CREATE INDEX "RequestDocument_approvedById_idx" ON "RequestDocument"("approvedById");

-- CreateIndex
CREATE INDEX "FeeCharge_paidOn_idx" ON "FeeCharge"("paidOn");

-- CreateIndex
CREATE INDEX "FeeCharge_issuedById_idx" ON "FeeCharge"("issuedById");

-- CreateIndex
CREATE UNIQUE INDEX "FeeCharge_requestId_key" ON "FeeCharge"("requestId");

-- CreateIndex
CREATE INDEX "AppealCase_filedOn_kind_idx" ON "AppealCase"("filedOn", "kind");

-- CreateIndex
CREATE INDEX "AppealCase_concludedOn_kind_idx" ON "AppealCase"("concludedOn", "kind");

-- CreateIndex
CREATE INDEX "AppealCase_requestId_idx" ON "AppealCase"("requestId");

-- CreateIndex
CREATE INDEX "AppealCase_createdById_idx" ON "AppealCase"("createdById");

-- AddForeignKey
ALTER TABLE "DisclosureRequest" ADD CONSTRAINT "DisclosureRequest_assignedDepartmentId_fkey" FOREIGN KEY ("assignedDepartmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosureRequest" ADD CONSTRAINT "DisclosureRequest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosureRequest" ADD CONSTRAINT "DisclosureRequest_idCopyFileId_fkey" FOREIGN KEY ("idCopyFileId") REFERENCES "StoredFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestEvent" ADD CONSTRAINT "RequestEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DisclosureRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestEvent" ADD CONSTRAINT "RequestEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestDocument" ADD CONSTRAINT "RequestDocument_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DisclosureRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestDocument" ADD CONSTRAINT "RequestDocument_providedItemId_fkey" FOREIGN KEY ("providedItemId") REFERENCES "DisclosureItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestDocument" ADD CONSTRAINT "RequestDocument_draftedById_fkey" FOREIGN KEY ("draftedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestDocument" ADD CONSTRAINT "RequestDocument_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeCharge" ADD CONSTRAINT "FeeCharge_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DisclosureRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeCharge" ADD CONSTRAINT "FeeCharge_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppealCase" ADD CONSTRAINT "AppealCase_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DisclosureRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppealCase" ADD CONSTRAINT "AppealCase_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The clock is derived from these rows (docs/request-clock.md), so nobody may rewrite them.
CREATE TRIGGER "RequestEvent_append_only" BEFORE UPDATE OR DELETE ON "RequestEvent"
  FOR EACH ROW EXECUTE FUNCTION gongkai_refuse_change();
CREATE TRIGGER "RequestEvent_no_truncate" BEFORE TRUNCATE ON "RequestEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION gongkai_refuse_change();
