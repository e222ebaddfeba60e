/**
 * The messages the connection handles, counted: the scheduler starts a check (or lets a feature's
 * request do its work) only once a whole turn of the event loop has gone by without one, that is
 * when every message already received has been handled (vscode-jsonrpc handles one message a
 * turn while it has any). A small document opened just after a large one is read, and checked,
 * before the large one's check and outline begin.
 */

import type { MessageStrategy } from 'vscode-languageserver';

export class Traffic {
  private handled = 0;
  private seen = -1;

  /** Given to createConnection (its `messageStrategy` option). */
  readonly messageStrategy: MessageStrategy = {
    handleMessage: (message, next) => {
      this.handled++;
      next(message);
    },
  };

  /** Whether a message was handled since the last look (the scheduler looks once a turn). */
  moved(): boolean {
    const moved = this.handled !== this.seen;
    this.seen = this.handled;
    return moved;
  }
}
