import type { Actor } from "@/lib/server/platform/actor";
import { listColumnsForAdmin } from "@/lib/server/admin/columns";
import { listChannelsForAdmin } from "@/lib/server/admin/channels";
import { listDepartmentsForAdmin } from "@/lib/server/admin/departments";
import { getTargets } from "@/lib/server/admin/targets";
import { db } from "@/lib/server/platform/db";

/**
 * Administration writes carry the version of what the form showed. These wrap a use case so a
 * test acts on the current page, as a clerk who just opened it would.
 */
type Input = Record<string, unknown>;
type UseCase<R> = (actor: Actor, raw: Input) => Promise<R>;

function fresh<R>(useCase: UseCase<R>, version: (actor: Actor, input: Input) => Promise<string>): UseCase<R> {
  return async (actor, input) => useCase(actor, { ...input, version: await version(actor, input) });
}

const stamp = (row: { updatedAt: Date } | null) => row?.updatedAt.toISOString() ?? "gone";
const office = (actor: Actor): Actor => ({ ...actor, roles: ["OFFICE"] });

export const versions = {
  department: (input: Input) => db().department.findUnique({ where: { id: String(input.id) } }).then(stamp),
  column: (input: Input) => db().column.findUnique({ where: { id: String(input.id) } }).then(stamp),
  channel: (input: Input) => db().channel.findUnique({ where: { id: String(input.id) } }).then(stamp),
  departmentOrder: async (actor: Actor) => (await listDepartmentsForAdmin(office(actor)))!.orderVersion,
  columnOrder: async (actor: Actor) => (await listColumnsForAdmin(office(actor)))![0].orderVersion,
  channelOrder: async (actor: Actor) => (await listChannelsForAdmin(office(actor)))![0].orderVersion,
  targets: async (actor: Actor, input: Input) => (await getTargets(office(actor), Number(input.year)))!.version,
};

export const onCurrentPage = {
  row: <R>(useCase: UseCase<R>, kind: "department" | "column" | "channel") => fresh(useCase, (_actor, input) => versions[kind](input)),
  order: <R>(useCase: UseCase<R>, kind: "departmentOrder" | "columnOrder" | "channelOrder") => fresh(useCase, (actor) => versions[kind](actor)),
  targets: <R>(useCase: UseCase<R>) => fresh(useCase, versions.targets),
};
