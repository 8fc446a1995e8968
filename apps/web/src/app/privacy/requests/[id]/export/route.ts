import { coreContext } from "@homeport/core/context";
import { IdentityError } from "@homeport/core/identity/errors";
import { downloadMyExport } from "@homeport/core/privacy/requests";
import { PrivacyError } from "@homeport/core/privacy/settings";
import { NextResponse } from "next/server";
import { requestContext } from "@/lib/request-context";
import { currentUser } from "@/lib/session";

/** The consumer's ZIP: signed in, confirmed in the last 10 minutes, not expired; audited in core. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const here = `/privacy/requests/${encodeURIComponent(id)}`;
  const user = await currentUser();
  const origin = new URL(request.url).origin;
  if (!user) return NextResponse.redirect(new URL(`/login?callbackUrl=${encodeURIComponent(here)}`, origin), 303);
  try {
    const file = await downloadMyExport(
      coreContext(),
      user,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
      id,
    );
    return new NextResponse(Buffer.from(file.content), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${file.fileName.replace(/[^\w.-]/g, "_")}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof IdentityError && error.code === "STEP_UP_REQUIRED") {
      return NextResponse.redirect(new URL(`/security/confirm?returnTo=${encodeURIComponent(here)}`, origin), 303);
    }
    if (error instanceof PrivacyError && error.code === "EXPORT_EXPIRED") {
      return NextResponse.redirect(new URL(`${here}?expired=1`, origin), 303);
    }
    if (error instanceof PrivacyError) return new NextResponse("Not found", { status: 404 });
    throw error;
  }
}
