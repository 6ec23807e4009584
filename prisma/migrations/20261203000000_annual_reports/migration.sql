-- 年度报告 (issue 9): the office's working copy per year, its frozen versions (sent to review,
-- published, imported) and the console's exports rendered on the job queue.

-- CreateTable
CREATE TABLE "AnnualReport" (
    "year" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "sections" JSONB NOT NULL,
    "figures" JSONB NOT NULL DEFAULT '{}',
    "overrides" JSONB NOT NULL DEFAULT '[]',
    "checkNotes" JSONB NOT NULL DEFAULT '{}',
    "correction" TEXT NOT NULL DEFAULT '',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnnualReport_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "AnnualReportVersion" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "itemId" TEXT,
    "docx" BYTEA,
    "pdf" BYTEA,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "AnnualReportVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportExport" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "versionId" TEXT,
    "format" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "content" BYTEA,
    "error" TEXT,
    "requestedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ReportExport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AnnualReportVersion_itemId_key" ON "AnnualReportVersion"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualReportVersion_year_number_key" ON "AnnualReportVersion"("year", "number");

-- CreateIndex
CREATE INDEX "ReportExport_year_createdAt_idx" ON "ReportExport"("year", "createdAt");

-- AddForeignKey
ALTER TABLE "AnnualReportVersion" ADD CONSTRAINT "AnnualReportVersion_year_fkey" FOREIGN KEY ("year") REFERENCES "AnnualReport"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualReportVersion" ADD CONSTRAINT "AnnualReportVersion_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "DisclosureItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportExport" ADD CONSTRAINT "ReportExport_year_fkey" FOREIGN KEY ("year") REFERENCES "AnnualReport"("year") ON DELETE RESTRICT ON UPDATE CASCADE;
