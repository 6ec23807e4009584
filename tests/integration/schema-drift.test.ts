import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { loadDatamodel, shapeFromDatabase, shapeFromSchema, type SchemaShape } from "../support/schema-shape";

/**
 * The migrations are hand-written SQL (Prisma's schema engine cannot be downloaded here,
 * DESIGN §9), so nothing else stops them drifting from prisma/schema.prisma — which is what the
 * generated client trusts. Every model, column, type, nullability, default, enum, index and
 * foreign key must match on both sides.
 */
const schema = shapeFromSchema(loadDatamodel(readFileSync(path.join(process.cwd(), "prisma/schema.prisma"), "utf8")));
const tables = Object.keys(schema.tables).sort();

let database: SchemaShape;

beforeAll(async () => {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    database = await shapeFromDatabase(client);
  } finally {
    await client.end();
  }
});

describe("migrations agree with prisma/schema.prisma", () => {
  it("has a table for every model and no table without one", () => {
    expect(Object.keys(database.tables).sort()).toEqual(tables);
  });

  it("has every enum with exactly its values", () => {
    expect(database.enums).toEqual(schema.enums);
  });

  describe.each(tables)("%s", (table) => {
    it("columns: type, nullability, database default", () => {
      expect(database.tables[table]?.columns).toEqual(schema.tables[table].columns);
    });

    it("indexes: @id, @unique, @@unique, @@index", () => {
      expect(database.tables[table]?.indexes).toEqual(schema.tables[table].indexes);
    });

    it("foreign keys: one per relation, with its referential actions", () => {
      expect(database.tables[table]?.foreignKeys).toEqual(schema.tables[table].foreignKeys);
    });
  });
});
