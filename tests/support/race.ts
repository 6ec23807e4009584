import type { AuditAction } from "@/lib/domain/audit";
import { setRaceSeam } from "@/lib/server/platform/use-case";

/**
 * Holds every call of `action` at the kernel's race seam (after its reads, before its transaction)
 * until `parties` have arrived — or 5 s, so a call refused before the seam cannot hang the test.
 */
export function raceBarrier(action: AuditAction, parties: number): void {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((r) => (release = r));
  setRaceSeam(async (target) => {
    if (target.action !== action) return;
    arrived += 1;
    if (arrived === parties) release();
    await Promise.race([all, new Promise((r) => setTimeout(r, 5000))]);
  });
}
