import { coreContext } from "@homeport/core/context";
import { IdentityError } from "@homeport/core/identity/errors";
import { canWorkPrivacy, PrivacyStaffError, privacyUploadForStaff } from "@homeport/core/privacy/staff";
import { contextFromHeaders } from "@/lib/request-context";
import { currentUser } from "@/lib/session";

/**
 * An authorized agent's signed permission (§7063), for privacy staff only, after a recent
 * sign-in. Always a download with the stored media type, never rendered in the portal's origin.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await currentUser();
  if (!user) return new Response("Sign in to download this file.", { status: 401 });
  if (!canWorkPrivacy(user)) return new Response("Forbidden", { status: 403 });
  try {
    const file = await privacyUploadForStaff(
      coreContext(),
      user,
      contextFromHeaders(request.headers, { userId: user.id, sessionId: user.sessionId }),
      id,
    );
    return new Response(Buffer.from(file.content), {
      headers: {
        "Content-Type": file.mediaType,
        "Content-Disposition": `attachment; filename="${file.fileName.replace(/[^\w.-]/g, "_")}"`,
        "Content-Length": String(file.content.byteLength),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof IdentityError && error.code === "STEP_UP_REQUIRED") {
      const back = new URL(request.url);
      return Response.redirect(
        new URL(`/security/confirm?returnTo=${encodeURIComponent(back.pathname)}`, back.origin),
        303,
      );
    }
    if (error instanceof IdentityError && error.code === "NOT_ALLOWED")
      return new Response("Forbidden", { status: 403 });
    if (error instanceof PrivacyStaffError) return new Response("Not found", { status: 404 });
    throw error;
  }
}
