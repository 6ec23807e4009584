import { idCopyDownload } from "@/lib/server/requests/id-copy-http";

/** GET /console/requests/{id}/id-copy: the applicant's 身份证明复印件, for the staff handling the request. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return idCopyDownload(request, id);
}
