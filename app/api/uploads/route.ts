import { NextResponse } from "next/server";
import { storeUpload, uploadLimitBytes } from "@/lib/server/items/attachments";
import { failure, receiveUpload } from "./receive-upload";

/** POST /api/uploads: one attachment for the item form; answers its StoredFile id. */
export async function POST(request: Request) {
  const received = await receiveUpload(request, uploadLimitBytes());
  if (received instanceof NextResponse) return received;
  const result = await storeUpload(received.actor, received);
  if (!result.ok) return failure(result);
  return NextResponse.json(result.value, { status: 201, headers: { "Cache-Control": "no-store" } });
}
