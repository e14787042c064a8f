// swagger-ui-dist ships no types; this is the part of its bundle's API that the page uses.
declare module "swagger-ui-dist/swagger-ui-es-bundle.js" {
  interface SwaggerUIOptions {
    domNode: HTMLElement;
    url: string;
    deepLinking?: boolean;
    docExpansion?: "list" | "full" | "none";
    defaultModelsExpandDepth?: number;
    validatorUrl?: string | null;
  }
  export default function SwaggerUI(options: SwaggerUIOptions): unknown;
}
