export { createRestHandler, API_BASE_PATH, type RestOptions } from "./handler.ts";
export { routes, type Route } from "./routes.ts";
export { createOpenApiDocument } from "./openapi.ts";
