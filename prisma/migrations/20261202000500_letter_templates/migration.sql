-- 依申请公开 (issue 8 §6): the office's edits of the 答复书 and 告知书 templates; a key without a
-- row uses the default template in lib/domain/requests/letters-*.ts.

-- CreateTable
CREATE TABLE "LetterTemplate" (
    "key" TEXT NOT NULL,
    "template" JSONB NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LetterTemplate_pkey" PRIMARY KEY ("key")
);
