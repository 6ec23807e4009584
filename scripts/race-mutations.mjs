#!/usr/bin/env node
// The mutation run of the race harness: removes each guard in turn, runs the harness cases that
// cover it, expects them to FAIL, and restores the file (also on Ctrl-C or error). A guard whose
// cases stay green is reported as a surviving mutant and the script exits 1.
//   node scripts/race-mutations.mjs            every mutation
//   node scripts/race-mutations.mjs withdraw   only those whose name contains "withdraw"
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

/** name, file, [text, replacement]…, harness test names (vitest -t patterns). */
const MUTATIONS = [
  ["submit: status + revision", "lib/server/items/drafts.ts", [["where: { id: itemId, status: d.from, currentRevisionId: expectedRevisionId },", "where: { id: itemId },"]], "submit \\(提交审核\\)"],
  ["save: status + revision", "lib/server/items/drafts.ts", [["where: { id: itemId, status: facts.item.status, currentRevisionId: expectedRevisionId },", "where: { id: itemId },"]], "save \\(保存\\)"],
  ["review (approve/return/reject/refer): status + revision", "lib/server/items/reviews.ts", [["where: { id: itemId, status: d.from, currentRevisionId: input.revisionId, ...(d.stage === \"LEADER\" ? { department: { leaderId: actor.id } } : {}) },", "where: { id: itemId },"]], "approve at|approve an item|return \\(|reject \\(|refer \\("],
  ["publish/schedule/republish: status + revision", "lib/server/items/publication.ts", [["where: { id: itemId, status: d.from, currentRevisionId: expectedRevisionId },", "where: { id: itemId },"]], "publish \\(发布\\)|schedule \\(|republish"],
  ["withdraw: status + not yet withdrawn", "lib/server/items/publication.ts", [["where: { id: itemId, status: d.from, withdrawnAt: null, publishedRevisionId: { not: null } },", "where: { id: itemId },"]], "withdraw"],
  ["autosave: only a newer savedAt replaces", "lib/server/items/autosave.ts", [[`      WHERE ("EditorAutosave"."data"->>'savedAt')::bigint < (EXCLUDED."data"->>'savedAt')::bigint\`;`, "`;"]], "autosaves"],
  ["department.create: unique code (check + constraint)", "lib/server/admin/departments.ts", [["    await checkUnique(tx, input);\n", ""], ["const duplicate = { ...ADMIN_LOCK, onConstraint: () => new Refusal(\"duplicate\", invalid({ name: [\"处室代码或名称已被使用\"] })) };", "const duplicate = { ...ADMIN_LOCK };"]], "create a department"],
  ["department.update: version", "lib/server/admin/departments.ts", [["    if (rowVersion(before) !== input.version) throw staleForm(\"该处室\");\n", ""]], "rename a department"],
  ["department.reorder: order version", "lib/server/admin/departments.ts", [["    if (listVersion(rows.map((r) => r.id)) !== version) throw staleForm(\"处室顺序\");\n", ""]], "reorder departments"],
  ["column.create: unique code (check + constraint)", "lib/server/admin/columns.ts", [["  if (rows.some((r) => r.code === input.code && r.id !== id)) throw duplicateCode();\n", ""], ["    return ok({ id: row.id });\n  }, { ...ADMIN_LOCK, onConstraint: duplicateCode });", "    return ok({ id: row.id });\n  }, { ...ADMIN_LOCK });"]], "create a column"],
  ["column.update: version", "lib/server/admin/columns.ts", [["    if (rowVersion(before) !== version) throw staleForm(\"该栏目\");\n    if (input.code !== before.code", "    if (input.code !== before.code"]], "edit a column"],
  ["column.delete: lock + existence", "lib/server/admin/columns.ts", [["    return ok({ id });\n  }, { ...ADMIN_LOCK, onConstraint: hasItems });", "    return ok({ id });\n  }, { onConstraint: hasItems });"]], "delete a column"],
  ["column.reorder: tree version", "lib/server/admin/columns.ts", [["    if (treeVersion(rows) !== version) throw staleForm(\"栏目顺序\");\n", ""]], "reorder columns"],
  ["channel.create: unique code (check + constraint)", "lib/server/admin/channels.ts", [["    if (await tx.channel.findUnique({ where: { code: input.code }, select: { id: true } })) throw duplicateCode();\n", ""], ["  }, { ...ADMIN_LOCK, onConstraint: duplicateCode });", "  }, { ...ADMIN_LOCK });"]], "create a channel"],
  ["channel.update: version", "lib/server/admin/channels.ts", [["    if (rowVersion(row) !== version) throw staleForm(\"该渠道\");\n", ""]], "edit a channel"],
  ["channel.reorder: order version", "lib/server/admin/channels.ts", [["    if (listVersion(rows.map((r) => r.id)) !== version) throw staleForm(\"渠道顺序\");\n", ""]], "reorder channels"],
  ["target.save: table version", "lib/server/admin/targets.ts", [["    if (targetsVersion(await yearRows(tx, year)) !== version) throw staleForm(`${year} 年的月度目标`);\n", ""]], "monthly targets"],
  ["site.settings.update: version", "lib/server/admin/site-settings.ts", [["    if (before.version !== expected) return conflict(\"站点设置已被他人修改，您的修改未保存。请刷新页面后重新编辑。\");\n", ""]], "site settings"],
  ["calendar.set: lock (true before/after sequence)", "lib/server/admin/calendar.ts", [["    return ok(entry);\n  }, { lock: LOCKS.workCalendar });", "    return ok(entry);\n  });"]], "true sequence"],
  ["calendar.remove: lock + rows removed", "lib/server/admin/calendar.ts", [["    if (!before || count === 0) return notFound", "    if (!before) return notFound"], ["    return ok({ date });\n  }, { lock: LOCKS.workCalendar });", "    return ok({ date });\n  });"]], "restore a calendar date"],
  ["calendar.coverage: already in that state", "lib/server/admin/calendar.ts", [["    if (before.includes(year) === covered) return conflict(", "    if (false as boolean) return conflict("]], "confirm a year"],
  ["job.retry: the dead letter is taken as it is read", "lib/server/jobs/dead-letters.ts", [["DELETE FROM pgboss.job WHERE id = ${parsed.data.jobId}::uuid AND name = ANY(${deadNames()}) AND state = 'created' RETURNING name, data", "SELECT name, data FROM pgboss.job WHERE id = ${parsed.data.jobId}::uuid AND name = ANY(${deadNames()}) AND state = 'created'"]], "dead job again"],
  ["user.disable/enable: not already in that state", "lib/server/admin/users.ts", [["where: { id: userId, status: { not: status } }", "where: { id: userId }"]], "set a user"],
];

const only = process.argv[2];
const from = process.argv.includes("--from") ? process.argv[process.argv.indexOf("--from") + 1] : null;
let started = !from;
let restoreCurrent = () => {};
process.once("SIGINT", () => (restoreCurrent(), process.exit(130)));
const survivors = [];
const killed = [];
for (const [name, file, edits, pattern] of MUTATIONS) {
  started ||= name.includes(from);
  if (!started || (only && only !== "--from" && !name.includes(only))) continue;
  const original = readFileSync(file, "utf8");
  let mutated = original;
  for (const [from, to] of edits) {
    if (!mutated.includes(from)) throw new Error(`mutation "${name}": text not found in ${file}:\n${from}`);
    mutated = mutated.replace(from, to);
  }
  const restore = () => writeFileSync(file, original);
  restoreCurrent = restore;
  try {
    writeFileSync(file, mutated);
    const run = spawnSync("npx", ["vitest", "run", "--project", "integration", "tests/integration/race-harness.test.ts", "-t", pattern], { encoding: "utf8" });
    const out = run.stdout.replace(/\x1b\[[0-9;]*m/g, "");
    const summary = (out.match(/Tests\s+.*\(\d+\)/) ?? ["no summary"])[0];
    // Killed only if every case selected for this guard went red.
    const failed = /\d+ failed/.test(summary) && !/\d+ passed/.test(summary);
    (failed ? killed : survivors).push(`${name} — ${summary}`);
    console.log(`${failed ? "killed  " : "SURVIVED"} ${name}: ${summary}`);
  } finally {
    restore();
  }
}
console.log(`\n${killed.length} of ${killed.length + survivors.length} guards: removing each turns its race case red.`);
if (survivors.length) {
  console.log(`Surviving mutants:\n${survivors.join("\n")}`);
  process.exit(1);
}
