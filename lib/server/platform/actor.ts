import type { Role } from "@/lib/domain/roles";

/** The signed-in staff member, as every use case receives it. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  departmentId: string | null;
  departmentName: string | null;
  sessionId: string;
}
