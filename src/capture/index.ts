/** Capture import's public surface: what the CLI, the extension and the tests use. */

export { CaptureError, memorySource, MAX_RECORD, type ByteSource } from './bytes.js';
export { parseChoice, type ConnectionChoice, type ConnectionSummary } from './connections.js';
export {
  captureFormat,
  identifierFor,
  importCapture,
  interfaceText,
  linkTypeName,
  listConnections,
  notACapture,
  type CaptureInput,
  type ImportOptions,
  type ImportResult,
  type InterfaceChoice,
  type InterfaceSummary,
} from './importCapture.js';
export { parseTcpdumpText, looksLikeTcpdumpText } from './tcpdumpText.js';
export type { TcpPacket } from './packet.js';
