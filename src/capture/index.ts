/** Capture import's public surface: what the CLI, the extension and the tests use. */

export { linkTypeName } from './decode.js';
export { CaptureError, memorySource, MAX_RECORD, type ByteSource } from './bytes.js';
export { parseChoice, type ConnectionChoice, type ConnectionSummary } from './connections.js';
export {
  earlierToKeep,
  importCapture,
  importScanned,
  listConnections,
  listScanned,
  type CaptureInput,
  type ConnectionListing,
  type ImportOptions,
  type ImportResult,
} from './importCapture.js';
export { interfaceText, type InterfaceChoice, type InterfaceSummary } from './interfaces.js';
export { CaptureScanner, CHUNK_SIZE, scanSource, type ScanOptions, type Scanned } from './scan.js';
export { captureFormat, notACapture } from './sniff.js';
export { parseTcpdumpText } from './tcpdumpText.js';
export type { TcpPacket } from './packet.js';
