import type { ViteUserConfig } from "vitest/config";

/** The vitest config of a package whose tests run against PostgreSQL; `label` names the package. See vitest.js. */
export declare function databaseTestConfig(label: string): ViteUserConfig;

declare module "vitest" {
  export interface ProvidedContext {
    /** The package's label, for its test database's name. */
    databaseLabel: string;
    /** The run's migrated database, set by testing-global-setup.ts. */
    databaseUrl: string;
  }
}
