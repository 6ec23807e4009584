import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, inject, test } from "vitest";
import { MIGRATIONS_DIR, migrate, readMigrations } from "@/lib/db/migrate";
import { createDatabase, dropDatabase, randomSuffix } from "../support/throwaway-db";

/**
 * Migration 20261126100000_review_stages_at_submission fixes the stages of items already in review
 * from their column, so that a database upgraded mid-review behaves like one where they were
 * submitted after the upgrade. Drafts keep none: theirs are fixed when they are submitted.
 */
const MIGRATION = "20261126100000_review_stages_at_submission";
const name = `gongkai_test_${randomSuffix()}`;
const partial = mkdtempSync(path.join(tmpdir(), "gongkai-migrations-"));

afterAll(async () => {
  rmSync(partial, { recursive: true, force: true });
  await dropDatabase(inject("databaseUrl"), name);
});

test("items in review get their column's stages (保密审查 always); drafts get none", async () => {
  for (const m of readMigrations().filter((m) => m.name < MIGRATION)) {
    cpSync(path.join(MIGRATIONS_DIR, m.name), path.join(partial, m.name), { recursive: true });
  }
  const url = await createDatabase(inject("databaseUrl"), name);
  await migrate(url, { dir: partial });

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      INSERT INTO "Department" ("id", "code", "name", "updatedAt") VALUES ('d', 'D', '处室', now());
      INSERT INTO "User" ("id", "username", "displayName", "passwordHash", "roles", "updatedAt") VALUES ('u', 'u', 'u', 'x', '{LIAISON}', now());
      INSERT INTO "Category" ("id", "code", "name", "requiresDeptHead", "requiresLeader", "updatedAt") VALUES
        ('all', 'all', '全部环节', true, true, now()), ('news', 'news', '新闻', true, false, now()), ('none', 'none', '仅保密', false, false, now());
      INSERT INTO "DisclosureItem" ("id", "departmentId", "categoryId", "authorId", "status", "updatedAt") VALUES
        ('i1', 'd', 'all', 'u', 'PENDING_LEADER', now()), ('i2', 'd', 'news', 'u', 'APPROVED', now()),
        ('i3', 'd', 'none', 'u', 'PENDING_SECRECY', now()), ('i4', 'd', 'all', 'u', 'DRAFT', now());
      INSERT INTO "EditorAutosave" ("userId", "itemKey", "data", "updatedAt") VALUES
        ('u', 'new', '{"values": {"title": "未保存", "categoryId": "news"}, "savedAt": 1}', now());
    `);
    await migrate(url);
    const { rows } = await client.query<{ id: string; reviewStages: string }>(`SELECT "id", "reviewStages"::text AS "reviewStages" FROM "DisclosureItem" ORDER BY "id"`);
    expect(rows).toEqual([
      { id: "i1", reviewStages: "{DEPT_HEAD,LEADER,SECRECY}" },
      { id: "i2", reviewStages: "{DEPT_HEAD,SECRECY}" },
      { id: "i3", reviewStages: "{SECRECY}" },
      { id: "i4", reviewStages: "{}" },
    ]);
    // 20261201000000_column_name: the same rows under the one name for 栏目.
    const renamed = await client.query<{ id: string; columnId: string; name: string }>(
      `SELECT i."id", i."columnId", c."name" FROM "DisclosureItem" i JOIN "Column" c ON c."id" = i."columnId" ORDER BY i."id"`,
    );
    expect(renamed.rows.map((r) => `${r.id}:${r.columnId}:${r.name}`)).toEqual(["i1:all:全部环节", "i2:news:新闻", "i3:none:仅保密", "i4:all:全部环节"]);
    const autosave = await client.query<{ values: Record<string, string> }>(`SELECT "data"->'values' AS "values" FROM "EditorAutosave"`);
    expect(autosave.rows[0].values).toEqual({ title: "未保存", columnId: "news" });
  } finally {
    await client.end();
  }
});
