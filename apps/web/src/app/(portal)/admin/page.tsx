import { redirect } from "next/navigation";

/** The admin console opens on the ticket queue; each page checks the staff role itself. */
export default function AdminPage() {
  redirect("/admin/tickets");
}
