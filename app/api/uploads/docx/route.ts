import { NextResponse } from "next/server";
import { DOCX_IMPORT_MAX_MB, importDocx } from "@/lib/server/items/docx-import";
import { failure, receiveUpload } from "../receive-upload";

/** POST /api/uploads/docx: converts a .docx into sanitised body HTML for the editor; nothing is stored. */
export async function POST(request: Request) {
  const received = await receiveUpload(request, DOCX_IMPORT_MAX_MB * 1024 * 1024);
  if (received instanceof NextResponse) return received;
  const result = await importDocx(received.actor, received.fileName, received.bytes);
  if (!result.ok) return failure(result);
  return NextResponse.json(result.value, { headers: { "Cache-Control": "no-store" } });
}
