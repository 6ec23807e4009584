import "server-only";
import { migrate } from "@/lib/db/migrate";
import { applyGrants, roleOf } from "@/lib/db/roles";
import { installJobQueue } from "@/lib/server/jobs/queue";

/**
 * Everything that changes the database's structure, in order, as the owner role: migrations,
 * pg-boss's schema and queues, then the app role's grants (lib/db/roles.ts) — so a table a
 * migration adds is never left without them. Run by `npm run db:migrate`, the launcher and, at
 * start, instrumentation.ts; where the app connects as its own role, the first two find nothing
 * to do and the grants are skipped (the owner's URL is not configured there).
 */
export async function prepareDatabase(options: { ownerUrl: string; appUrl?: string; log?: (m: string) => void }) {
  const applied = await migrate(options.ownerUrl, { log: options.log });
  await installJobQueue(options.ownerUrl);
  const appRole = options.appUrl ? roleOf(options.appUrl) : undefined;
  const granted = appRole ? await applyGrants(options.ownerUrl, appRole) : false;
  if (granted) options.log?.(`granted the app role ${appRole} its rights`);
  return { applied, granted };
}
