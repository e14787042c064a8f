"use client";

import type { TRole, TUser } from "@helpdesk/validators";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { useSessionUser } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { toApiError, type ApiError } from "@/lib/api-error";
import { useTRPC } from "@/lib/trpc";

const ROLES: TRole[] = ["viewer", "agent", "admin"];
const inputClass = "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

export function UsersView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useSessionUser();
  const users = useQuery(trpc.user.list.queryOptions({ page: 1, limit: 100 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.user.pathKey() });
  const update = useMutation(
    trpc.user.update.mutationOptions({
      onSuccess: (user) => { toast.success(`${user.name} updated`); void refresh(); },
      onError: (error) => toast.error(toApiError(error).message),
    }),
  );

  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-6 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
      <InviteForm onCreated={() => void refresh()} />
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-sm">
          <thead className="text-left text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
            <tr><th className="px-4 py-2">Name</th><th className="px-4 py-2">Email</th><th className="px-4 py-2">Role</th><th className="px-4 py-2">Status</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {users.data?.data.map((user: TUser) => (
              <tr key={user.id} data-testid="user-row" data-email={user.email}>
                <td className="px-4 py-2 font-medium">{user.name}</td>
                <td className="px-4 py-2">{user.email}</td>
                <td className="px-4 py-2">
                  <label>
                    <span className="sr-only">Role of {user.name}</span>
                    <select value={user.role} disabled={user.id === me.id} onChange={(event) => update.mutate({ user_id: user.id, role: event.target.value as TRole })} className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900">
                      {ROLES.map((role) => <option key={role} value={role}>{role}</option>)}
                    </select>
                  </label>
                </td>
                <td className="px-4 py-2">
                  <Button size="sm" variant={user.active ? "danger" : "secondary"} disabled={user.id === me.id} onClick={() => update.mutate({ user_id: user.id, active: !user.active })}>
                    {user.active ? "Deactivate" : "Reactivate"}
                  </Button>
                  {!user.active && <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">inactive</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function InviteForm({ onCreated }: { onCreated: () => void }) {
  const trpc = useTRPC();
  const [error, setError] = useState<ApiError | null>(null);
  const create = useMutation(
    trpc.user.create.mutationOptions({
      onSuccess: (user) => { toast.success(`${user.name} can now sign in`); setError(null); onCreated(); },
      onError: (failure) => setError(toApiError(failure)),
    }),
  );
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate(
      { email: String(form.get("email")), name: String(form.get("name")), password: String(form.get("password")), role: form.get("role") as TRole },
      { onSuccess: () => (event.target as HTMLFormElement).reset() },
    );
  }
  const fieldError = (field: string) => error?.fields[field]?.join(" ");
  return (
    <form onSubmit={submit} aria-label="Invite a user" className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-5 dark:border-slate-800 dark:bg-slate-900">
      {(["name", "email", "password"] as const).map((field) => (
        <label key={field} className="text-sm sm:col-span-1">
          <span className="font-medium capitalize">{field}</span>
          <input name={field} type={field === "password" ? "password" : field === "email" ? "email" : "text"} required className={inputClass} aria-invalid={Boolean(fieldError(field))} />
          {fieldError(field) && <span role="alert" className="text-xs text-red-700 dark:text-red-300">{fieldError(field)}</span>}
        </label>
      ))}
      <label className="text-sm">
        <span className="font-medium">Role</span>
        <select name="role" defaultValue="agent" className={inputClass}>{ROLES.map((role) => <option key={role} value={role}>{role}</option>)}</select>
      </label>
      <div className="flex items-end">
        <Button type="submit" variant="primary" size="lg" disabled={create.isPending} className="w-full">Invite</Button>
      </div>
      {error && Object.keys(error.fields).length === 0 && <p role="alert" className="text-sm text-red-700 sm:col-span-5 dark:text-red-300">{error.code === "CONFLICT" ? "A user with this email already exists." : error.message}</p>}
    </form>
  );
}
