import type { TPagination } from "@helpdesk/validators";
import { Button } from "./button";

/** Previous/next for a paginated list; hidden when everything fits on one page. */
export function Pager({ pagination, noun, onPage }: { pagination: TPagination | undefined; noun: string; onPage: (page: number) => void }) {
  if (!pagination || pagination.totalPages <= 1) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
      <span className="text-slate-600 dark:text-slate-400">{pagination.total} {noun} · page {pagination.page} of {pagination.totalPages}</span>
      <span className="flex gap-2">
        <Button disabled={pagination.page <= 1} onClick={() => onPage(pagination.page - 1)}>Previous</Button>
        <Button disabled={!pagination.hasMore} onClick={() => onPage(pagination.page + 1)}>Next</Button>
      </span>
    </nav>
  );
}
