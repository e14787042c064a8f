export { createFrontDoor, type FrontDoor, type FrontDoorOptions } from "./front-door.ts";
export { clientAddressResolver } from "./client-address.ts";
export { serveFetch, type FetchHandler } from "./fetch-bridge.ts";
