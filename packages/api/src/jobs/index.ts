export { startBackgroundWork, type BackgroundWork, type BackgroundWorkConfig } from "./background.ts";
export { stopJobSender } from "./sender.ts";
