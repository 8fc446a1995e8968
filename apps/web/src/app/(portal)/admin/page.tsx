import { canWorkPrivacy } from "@homeport/core/privacy/staff";
import { canWorkTickets } from "@homeport/core/services/staff-tickets";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/session";

/** The admin console opens on the queue the staff member works; each page checks the role itself. */
export default async function AdminPage() {
  const user = await requireUser("/admin");
  redirect(canWorkTickets(user) ? "/admin/tickets" : canWorkPrivacy(user) ? "/admin/privacy" : "/dashboard");
}
