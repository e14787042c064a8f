// The front door around a stand-in handler: the client address it hands on, with and without trusted proxies,
// and graceful shutdown. (The whole production server is tested in apps/web/test.)
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { CLIENT_ADDRESS_HEADER } from "@helpdesk/validators";
import { afterEach, describe, expect, it } from "vitest";
import { clientOf } from "../src/client-address.ts";
import { createFrontDoor, type FrontDoor } from "../src/index.ts";

let door: FrontDoor | undefined;
afterEach(async () => {
  await door?.shutdown(100);
  door = undefined;
});

async function start(trustedProxies: string[], handle: Parameters<typeof createFrontDoor>[0]["handle"], maxBufferedBodyBytes?: number) {
  door = createFrontDoor({ handle, publicUrl: "http://127.0.0.1", trustedProxies, maxUploadBytes: 1000, maxBufferedBodyBytes, ready: async () => null });
  await new Promise<void>((resolve) => door?.server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(door.server.address() as AddressInfo).port}`;
}

const echoAddress: Parameters<typeof createFrontDoor>[0]["handle"] = async (req, res) => {
  res.end(String(req.headers[CLIENT_ADDRESS_HEADER]));
};

describe("client address", () => {
  it("is the socket's when no proxy is trusted, whatever X-Forwarded-For says", async () => {
    const url = await start([], echoAddress);
    const answer = await fetch(url, { headers: { "x-forwarded-for": "203.0.113.9", [CLIENT_ADDRESS_HEADER]: "198.51.100.1" } });
    expect(await answer.text()).toBe("127.0.0.1");
  });

  it("is the nearest untrusted hop behind trusted proxies", async () => {
    const url = await start(["loopback"], echoAddress);
    const answer = await fetch(url, { headers: { "x-forwarded-for": "203.0.113.9, 198.51.100.7" } });
    expect(await answer.text()).toBe("198.51.100.7");
  });
});

describe("clientOf", () => {
  it("counts IPv4 by address and IPv6 by /64", () => {
    expect(clientOf("203.0.113.9")).toBe("203.0.113.9");
    expect(clientOf("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(clientOf("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientOf("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(clientOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientOf("::1")).toBe("0:0:0:0::/64");
  });
});

describe("bodies held at once", () => {
  it("are capped across requests: past the cap a request is 503 with Retry-After, and the memory comes back", async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const url = await start([], async (req, res) => {
      let size = 0;
      for await (const chunk of req) size += (chunk as Buffer).length;
      await gate;
      res.end(String(size));
    }, 100_000);
    const post = () => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(60_000) });
    const held = post();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await post();
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toMatchObject({ error: { code: "SERVICE_UNAVAILABLE" } });
    open();
    expect(await (await held).text()).toBe("60000");
    expect((await post()).status).toBe(200);
  });
});

describe("shutdown", () => {
  it("lets an in-flight request finish, then refuses new connections", async () => {
    const url = await start([], async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      res.end("finished");
    });
    const inFlight = new Promise<string>((resolve, reject) => {
      request(url, (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve(text));
      })
        .on("error", reject)
        .end();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopped = door?.shutdown(5_000);
    expect(await inFlight).toBe("finished");
    await stopped;
    await expect(fetch(url)).rejects.toThrow();
  });
});
