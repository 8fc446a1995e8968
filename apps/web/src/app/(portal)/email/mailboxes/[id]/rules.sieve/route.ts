import { coreContext } from "@homeport/core/context";
import { getMailbox } from "@homeport/core/email/mailboxes";
import { NextResponse } from "next/server";
import { currentUser } from "@/lib/session";

/** The mailbox's generated Sieve script, for the household (or a mail platform admin) to inspect. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await currentUser();
  if (!user) return new NextResponse("Sign in first", { status: 401 });
  const data = await getMailbox(coreContext(), user, id);
  if (!data?.sieve) return new NextResponse("Not found", { status: 404 });
  const name = data.mailbox.address.replace(/[^a-z0-9._-]/gi, "_");
  return new NextResponse(data.sieve.script, {
    headers: {
      "Content-Type": "application/sieve; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}.sieve"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
