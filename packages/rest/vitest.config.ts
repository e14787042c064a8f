import { databaseTestConfig } from "@helpdesk/db/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig(databaseTestConfig("rest"));
