"use client";

import { useEffect, useRef, useState } from "react";
import "swagger-ui-dist/swagger-ui.css";
import "./api-reference.css";

/**
 * Swagger UI from its self-contained bundle (swagger-ui-dist): swagger-ui-react's unbundled dependencies break under
 * Turbopack ("refract is not a function", swagger-api/swagger-ui#10599). The bundle keeps its own React, renders into
 * the element given, and fetches nothing but the document (same origin).
 */
export function ApiReference({ url }: { url: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    import("swagger-ui-dist/swagger-ui-es-bundle.js")
      .then(({ default: SwaggerUI }) => {
        if (cancelled || !container.current) return;
        SwaggerUI({
          domNode: container.current,
          url,
          deepLinking: true,
          docExpansion: "list",
          defaultModelsExpandDepth: 0,
          // The badge would ask validator.swagger.io about the document; nothing leaves this origin.
          validatorUrl: "none",
        });
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [url]);
  return (
    // Swagger UI has a light theme only: keep its panel light even when the console is dark.
    <div className="bg-white text-slate-900 [color-scheme:light]">
      {failed ? (
        <p role="alert" className="px-6 py-10">
          The API reference could not load. The document itself is at <a href={url}>{url}</a>.
        </p>
      ) : null}
      <div ref={container} data-testid="api-reference" />
    </div>
  );
}
