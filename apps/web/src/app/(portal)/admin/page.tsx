import { redirect } from "next/navigation";
import { requireUser } from "@/lib/session";
import { firstAdminArea } from "./admin-areas.ts";

/** The console opens on the first area the staff member's role may use. */
export default async function AdminPage() {
  const user = await requireUser("/admin");
  redirect(firstAdminArea(user) ?? "/dashboard");
}
