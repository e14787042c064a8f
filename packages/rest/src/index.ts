export { createRestHandler, API_BASE_PATH, type RestOptions } from "./handler.ts";
export { routes } from "./routes.ts";
