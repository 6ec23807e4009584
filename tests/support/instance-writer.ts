/**
 * One "app instance" of tests/integration/two-instances-writes.test.ts: a process of its own, with
 * its own Prisma pool, doing what staff do through the app at the same moment as another such
 * process — publishing items (索引号), registering requests (登记编号) and approving replies
 * (答复书 文号), all at once. Run as
 *   node --conditions=react-server --import tsx tests/support/instance-writer.ts
 * with DATABASE_URL and WRITER_JOB (JSON: { actor, items: [id, revisionId][], requests: n, date,
 * approver, replies: requestId[] }) in the environment; prints one JSON line:
 * { indexNumbers, requestNumbers, replyNumbers, refused }.
 */
import { publishItem } from "@/lib/server/items/publication";
import { registerRequest } from "@/lib/server/requests/intake";
import { approveReply } from "@/lib/server/requests/reply";
import type { Actor } from "@/lib/server/platform/actor";
import { walkIn } from "./requests";

const job = JSON.parse(process.env.WRITER_JOB ?? "{}") as { actor: Actor; items: [string, string][]; requests: number; date: string; approver: Actor; replies: string[] };
const refused: string[] = [];
const [published, registered, approved] = await Promise.all([
  Promise.all(job.items.map(([id, revisionId]) => publishItem(job.actor, id, revisionId))),
  Promise.all(Array.from({ length: job.requests }, () => registerRequest(job.actor, walkIn(job.date)))),
  Promise.all(job.replies.map((id) => approveReply(job.approver, id))),
]);
const indexNumbers = published.flatMap((r) => (r.ok ? [r.value.indexNumber] : (refused.push(r.message), [])));
const requestNumbers = registered.flatMap((r) => (r.ok ? [r.value.number] : (refused.push(r.message), [])));
const replyNumbers = approved.flatMap((r) => (r.ok ? [r.value.replyNumber] : (refused.push(r.message), [])));
process.stdout.write(JSON.stringify({ indexNumbers, requestNumbers, replyNumbers, refused }) + "\n");
process.exit(0);
