import { forbidden, redirect } from "next/navigation";
import { getSession } from "./auth";

/**
 * For an admins' page: signed out goes to sign in (as the console layout does); another role gets the console's
 * forbidden page (403 and a notice naming their role) rather than a silent redirect.
 */
export async function requireAdmin(): Promise<void> {
  const user = (await getSession())?.user;
  if (!user) redirect("/signin");
  if (user.role !== "admin") forbidden();
}
