// Everything the bench starts registers how to stop it here. The stops run once, all at once (each sends its
// SIGTERM synchronously, before anything else can end this process), whether the run ends normally, fails, or is
// interrupted (Ctrl-C / SIGTERM); none may take longer than 10 s.
type Stop = () => Promise<void> | void;

const stops: { label: string; stop: Stop }[] = [];
let running: Promise<void> | undefined;
const STOP_TIMEOUT_MS = 10_000;

export function onCleanup(label: string, stop: Stop): void {
  stops.push({ label, stop });
}

async function stopOne(label: string, stop: Stop): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.error(`Gave up waiting for ${label} to stop.`);
      resolve();
    }, STOP_TIMEOUT_MS);
  });
  try {
    await Promise.race([stop(), timeout]);
  } catch (error) {
    console.error(`Could not stop ${label}: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

export function cleanup(): Promise<void> {
  running ??= Promise.all(stops.map(({ label, stop }) => stopOne(label, stop))).then(() => undefined);
  return running;
}

/** Stops everything and exits on Ctrl-C or SIGTERM. */
export function cleanupOnSignals(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the bench server and database…`);
      void cleanup().finally(() => process.exit(130));
    });
  }
}
