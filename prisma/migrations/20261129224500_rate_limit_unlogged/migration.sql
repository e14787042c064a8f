-- Request budgets and sign-in counts are spent on every request: an unlogged table writes no WAL, so spending one
-- waits for no disk flush. After a crash PostgreSQL empties it, which only starts every window afresh.
ALTER TABLE "RateLimit" SET UNLOGGED;
