import type { TSessionUser } from "@helpdesk/validators";

export interface NavLink {
  href: string;
  label: string;
}

/** The console's main destinations for a role: one list for the wide header's links and the narrow header's menu. */
export function navLinks(role: TSessionUser["role"]): NavLink[] {
  const adminOnly =
    role === "admin"
      ? [
          { href: "/users", label: "Users" },
          { href: "/macros", label: "Macros" },
          { href: "/inbound", label: "Inbound" },
          { href: "/webhooks", label: "Webhooks" },
        ]
      : [];
  return [{ href: "/", label: "Inbox" }, { href: "/outbox", label: "Outbox" }, ...adminOnly, { href: "/docs/api", label: "API" }];
}

/** The link for the page at `pathname`: the inbox only at "/", others for themselves and their sub-pages. */
export function isCurrent(link: NavLink, pathname: string): boolean {
  return link.href === "/" ? pathname === "/" : pathname === link.href || pathname.startsWith(`${link.href}/`);
}
