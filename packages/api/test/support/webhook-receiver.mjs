// A webhook receiver in a process of its own, on loopback only, for the delivery tests: it records every request it
// is sent and answers as the test last told it (POST /_behave), and lists what it got at GET /_received.
import http from "node:http";

const received = [];
// failWhenBodyIncludes: answer 500 to the requests whose body holds that text, whatever `status` says.
let behaviour = { status: 200, body: "thanks", location: null, bodyBytes: 0, failWhenBodyIncludes: null };

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    if (request.url === "/_received") {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(received));
      return;
    }
    if (request.url === "/_behave") {
      behaviour = { ...behaviour, ...JSON.parse(body) };
      response.end("ok");
      return;
    }
    const failed = behaviour.failWhenBodyIncludes !== null && body.includes(behaviour.failWhenBodyIncludes);
    const status = failed ? 500 : behaviour.status;
    received.push({ path: request.url, method: request.method, headers: request.headers, body, at: Date.now(), status });
    response.writeHead(status, behaviour.location ? { location: behaviour.location } : {});
    response.end(behaviour.bodyBytes ? "x".repeat(behaviour.bodyBytes) : behaviour.body);
  });
});

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
