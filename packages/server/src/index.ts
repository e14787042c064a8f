export { createFrontDoor, HEALTH_PATH, NONCE_HEADER, type FrontDoor, type FrontDoorOptions } from "./front-door.ts";
export { clientAddressResolver } from "./client-address.ts";
