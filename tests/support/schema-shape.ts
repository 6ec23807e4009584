import { getDMMF } from "@prisma/get-dmmf";
import type pg from "pg";

/**
 * Both sides of the schema-drift test reduced to one comparable shape: what prisma/schema.prisma
 * says (read through Prisma's own parser, the DMMF, never a regex) and what the migrated database
 * has (read from PostgreSQL's catalogs). The shapes use the strings Prisma's PostgreSQL migrations
 * produce, so a machine with Prisma's schema engine could take over with `prisma migrate diff`.
 */
export interface TableShape {
  /** column → "type NOT NULL|NULL [DEFAULT]" */
  columns: Record<string, string>;
  /** `UNIQUE (a, b) "name"` lines, sorted */
  indexes: string[];
  /** `(a) → Other(id) ON DELETE … ON UPDATE … "name"` lines, sorted */
  foreignKeys: string[];
}
export interface SchemaShape {
  tables: Record<string, TableShape>;
  /** enum type → its values, sorted */
  enums: Record<string, string[]>;
}

type Dmmf = Exclude<ReturnType<typeof getDMMF>, { type: "wasm-error" | "parse-json" }>;
type Datamodel = Dmmf["datamodel"];
type Model = Datamodel["models"][number];
type Field = Model["fields"][number];

export function loadDatamodel(schema: string): Datamodel {
  const result = getDMMF({ datamodel: schema });
  if ("reason" in result) throw new Error(`prisma/schema.prisma does not parse: ${result.reason}`);
  return result.datamodel;
}

/** How PostgreSQL's format_type() spells a type name: quoted unless plain lower case. */
const pgIdent = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);

/** Prisma's default names are cut at PostgreSQL's 63-byte limit in its own way; don't guess them. */
const nameClause = (name: string) => (Buffer.byteLength(name) <= 63 ? ` "${name}"` : "");

const DEFAULT_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Bytes: "bytea",
};

function nativeType([name, args]: readonly [string, readonly string[]]): string {
  const a = args.length ? `(${args.join(",")})` : "";
  const known: Record<string, string> = {
    Text: "text",
    VarChar: `character varying${a}`,
    Char: `character${a}`,
    Uuid: "uuid",
    Integer: "integer",
    SmallInt: "smallint",
    BigInt: "bigint",
    Real: "real",
    DoublePrecision: "double precision",
    Decimal: `numeric${a}`,
    Boolean: "boolean",
    Date: "date",
    Timestamp: `timestamp${a || "(3)"} without time zone`,
    Timestamptz: `timestamp${a || "(3)"} with time zone`,
    Time: `time${a || "(3)"} without time zone`,
    JsonB: "jsonb",
    Json: "json",
    ByteA: "bytea",
    Inet: "inet",
    Citext: "citext",
    Xml: "xml",
  };
  const type = known[name];
  if (!type) throw new Error(`schema-shape: teach me how PostgreSQL spells @db.${name}`);
  return type;
}

/** Defaults Prisma computes in the client (cuid(), uuid(), …) leave the column without a DEFAULT. */
function hasDatabaseDefault(field: Field): boolean {
  const d = field.default;
  if (d === undefined) return false;
  if (typeof d === "object" && !Array.isArray(d) && "name" in d) {
    return ["now", "autoincrement", "dbgenerated", "sequence"].includes(d.name);
  }
  return true;
}

export function shapeFromSchema(datamodel: Datamodel): SchemaShape {
  const tableOf = new Map(datamodel.models.map((m) => [m.name, m.dbName ?? m.name]));
  const enumOf = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const tables: Record<string, TableShape> = {};
  for (const model of datamodel.models) {
    const columnOf = new Map(model.fields.map((f) => [f.name, f.dbName ?? f.name]));
    const columns: Record<string, string> = {};
    const foreignKeys: string[] = [];
    const table = tableOf.get(model.name)!;
    for (const field of model.fields) {
      if (field.kind === "scalar" || field.kind === "enum") {
        const base =
          field.kind === "enum"
            ? pgIdent(enumOf.get(field.type)!)
            : field.nativeType
              ? nativeType(field.nativeType)
              : DEFAULT_TYPES[field.type];
        if (!base) throw new Error(`schema-shape: teach me the column type of ${field.type}`);
        // Prisma's migrations never put NOT NULL on list columns, even for required lists.
        const notNull = field.isRequired && !field.isList;
        columns[columnOf.get(field.name)!] =
          `${base}${field.isList ? "[]" : ""} ${notNull ? "NOT NULL" : "NULL"}${hasDatabaseDefault(field) ? " DEFAULT" : ""}`;
      } else if (field.kind === "object" && field.relationFromFields?.length) {
        const target = datamodel.models.find((m) => m.name === field.type)!;
        const targetColumn = new Map(target.fields.map((f) => [f.name, f.dbName ?? f.name]));
        const from = field.relationFromFields.map((f) => columnOf.get(f)!);
        const to = field.relationToFields!.map((f) => targetColumn.get(f)!);
        const onDelete = field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull");
        const onUpdate = field.relationOnUpdate ?? "Cascade";
        foreignKeys.push(
          `(${from.join(", ")}) → ${tableOf.get(target.name)}(${to.join(", ")}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}${nameClause(`${table}_${from.join("_")}_fkey`)}`,
        );
      } else if (field.kind === "object" && field.isList) {
        const back = datamodel.models
          .find((m) => m.name === field.type)!
          .fields.find((f) => f.relationName === field.relationName && f !== field);
        if (back?.isList) {
          throw new Error(`schema-shape: implicit many-to-many ${field.relationName}; use an explicit join model`);
        }
      }
    }
    tables[table] = { columns, indexes: [], foreignKeys: foreignKeys.sort() };
  }
  for (const index of datamodel.indexes) {
    const model = datamodel.models.find((m) => m.name === index.model)!;
    const table = tableOf.get(model.name)!;
    const columnOf = new Map(model.fields.map((f) => [f.name, f.dbName ?? f.name]));
    const columns = index.fields.map((f) => columnOf.get(f.name)! + (f.sortOrder === "desc" ? " DESC" : ""));
    const kind = { id: "PRIMARY KEY", unique: "UNIQUE", normal: "INDEX", fulltext: "FULLTEXT" }[index.type];
    const suffix = { id: "pkey", unique: "key", normal: "idx", fulltext: "idx" }[index.type];
    const method = index.algorithm && index.algorithm !== "BTree" ? ` USING ${index.algorithm.toLowerCase()}` : "";
    const name = index.dbName ?? (index.type === "id" ? `${table}_pkey` : `${table}_${index.fields.map((f) => columnOf.get(f.name)).join("_")}_${suffix}`);
    tables[table].indexes.push(`${kind}${method} (${columns.join(", ")})${nameClause(name)}`);
  }
  for (const t of Object.values(tables)) t.indexes.sort();
  const enums = Object.fromEntries(
    datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name).sort()]),
  );
  return { tables, enums };
}

const ACTIONS: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

/** The public schema as PostgreSQL's catalogs describe it, minus the migrations ledger. */
export async function shapeFromDatabase(client: pg.Client): Promise<SchemaShape> {
  const tables: Record<string, TableShape> = {};
  const { rows: tableRows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`,
  );
  for (const { name } of tableRows) tables[name] = { columns: {}, indexes: [], foreignKeys: [] };

  const { rows: columns } = await client.query<{ table: string; column: string; type: string; notnull: boolean; hasdefault: boolean }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS notnull, a.atthasdef AS hasdefault
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname = ANY($1)`,
    [Object.keys(tables)],
  );
  for (const c of columns) {
    tables[c.table].columns[c.column] = `${c.type} ${c.notnull ? "NOT NULL" : "NULL"}${c.hasdefault ? " DEFAULT" : ""}`;
  }

  const { rows: indexes } = await client.query<{ table: string; name: string; primary: boolean; unique: boolean; method: string; columns: string[] }>(
    `SELECT t.relname AS table, i.relname AS name, x.indisprimary AS primary, x.indisunique AS unique, am.amname AS method,
            array(SELECT coalesce(a.attname, '<expression>') ||
                         CASE WHEN pg_index_column_has_property(x.indexrelid, k.ord::int, 'desc') THEN ' DESC' ELSE '' END
                    FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
                    LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                   ORDER BY k.ord) AS columns
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_am am ON am.oid = i.relam
      WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace`,
    [Object.keys(tables)],
  );
  for (const i of indexes) {
    const kind = i.primary ? "PRIMARY KEY" : i.unique ? "UNIQUE" : "INDEX";
    const method = i.method === "btree" ? "" : ` USING ${i.method}`;
    tables[i.table].indexes.push(`${kind}${method} (${i.columns.join(", ")})${nameClause(i.name)}`);
  }

  const { rows: fks } = await client.query<{ table: string; name: string; columns: string[]; target: string; targetcolumns: string[]; ondelete: string; onupdate: string }>(
    `SELECT t.relname AS table, k.conname AS name, r.relname AS target, k.confdeltype AS ondelete, k.confupdtype AS onupdate,
            array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS c(n, ord)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = c.n ORDER BY c.ord) AS columns,
            array(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS c(n, ord)
                    JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = c.n ORDER BY c.ord) AS targetcolumns
       FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
      WHERE k.contype = 'f' AND t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace`,
    [Object.keys(tables)],
  );
  for (const f of fks) {
    tables[f.table].foreignKeys.push(
      `(${f.columns.join(", ")}) → ${f.target}(${f.targetcolumns.join(", ")}) ON DELETE ${ACTIONS[f.ondelete]} ON UPDATE ${ACTIONS[f.onupdate]}${nameClause(f.name)}`,
    );
  }
  for (const t of Object.values(tables)) {
    t.indexes.sort();
    t.foreignKeys.sort();
  }

  const { rows: enumRows } = await client.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumlabel) AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname`,
  );
  const enums = Object.fromEntries(enumRows.map((e) => [e.name, [...e.values].sort()]));
  return { tables, enums };
}
