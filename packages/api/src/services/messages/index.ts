export { createMessage } from "./create.ts";
export { getMessage, listMessages } from "./read.ts";
export { undoMessage } from "./undo.ts";
