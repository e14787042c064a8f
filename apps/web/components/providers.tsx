"use client";

import type { AppRouter } from "@helpdesk/api";
import type { TSessionUser } from "@helpdesk/validators";
import { MAX_BATCH_CALLS } from "@helpdesk/validators/limits";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createContext, useContext, useState, type ReactNode } from "react";
import { TRPCProvider } from "@/lib/trpc";

const SessionUserContext = createContext<TSessionUser | null>(null);

/** The signed-in user as the server last read it from the database. */
export function useSessionUser(): TSessionUser {
  const user = useContext(SessionUserContext);
  if (!user) throw new Error("useSessionUser outside the console layout");
  return user;
}

export function Providers({ user, children }: { user: TSessionUser; children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: false, retry: 1 } } }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: "/api/trpc" }),
          false: httpBatchLink({ url: "/api/trpc", maxItems: MAX_BATCH_CALLS }),
        }),
      ],
    }),
  );
  return (
    <SessionUserContext.Provider value={user}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {children}
        </TRPCProvider>
      </QueryClientProvider>
    </SessionUserContext.Provider>
  );
}
