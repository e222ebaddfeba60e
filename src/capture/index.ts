/** Capture import's public surface: what the CLI, the extension and the tests use. */

export { linkTypeName } from './decode.js';
export { CaptureError, memorySource, MAX_RECORD, type ByteSource } from './bytes.js';
export { parseChoice, type ConnectionChoice, type ConnectionSummary } from './connections.js';
export { captureFormat, importCapture, listConnections, notACapture, type CaptureInput, type ImportOptions, type ImportResult } from './importCapture.js';
export { interfaceText, type InterfaceChoice, type InterfaceSummary } from './interfaces.js';
export { parseTcpdumpText } from './tcpdumpText.js';
export type { TcpPacket } from './packet.js';
