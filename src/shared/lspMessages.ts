/**
 * tcpflow's own messages between the language server and its clients, declared once with their
 * types: the preview's diagram request and the notice that new settings are in force. The
 * server and the extension both use these, so a change of shape is a compile error on both sides.
 */

import { NotificationType0, RequestType } from 'vscode-languageserver-protocol';
import { DIAGRAM_REQUEST, SETTINGS_APPLIED_NOTIFICATION, type Diagram, type DiagramParams } from './previewProtocol.js';

/** `tcpflow/diagram`: the Mermaid text and marks for a document (null when it holds no flow). */
export const DiagramRequest = new RequestType<DiagramParams, Diagram | null, void>(DIAGRAM_REQUEST);

/** `tcpflow/settingsApplied`: the server checks with the new stack or MSL from now on. */
export const SettingsAppliedNotification = new NotificationType0(SETTINGS_APPLIED_NOTIFICATION);
