/** Whole-flow snippets offered by completion at the start of a line. */

import type { UiKey } from './texts.js';

export interface FlowSnippet {
  readonly label: string;
  readonly title: UiKey;
  readonly body: string;
}

export const SNIPPETS: readonly FlowSnippet[] = [
  {
    label: 'handshake',
    title: 'snippet3',
    body: 'client ${1:Client}\nserver ${2:Server}\n\n$1 -> $2: SYN seq=${3:x}\n$2 -> $1: SYN ACK seq=${4:y} ack=$3+1\n$1 -> $2: ACK seq=$3+1 ack=$4+1\n$1 is ESTABLISHED\n$2 is ESTABLISHED\n$0',
  },
  {
    label: 'close',
    title: 'snippet4',
    body: 'client ${1:Client} state ESTABLISHED\nserver ${2:Server} state ESTABLISHED\n\n$1 -> $2: FIN ACK seq=${3:u} ack=${4:v}\n$2 -> $1: ACK seq=$4 ack=$3+1\n$2 -> $1: FIN ACK seq=$4 ack=$3+1\n$1 -> $2: ACK seq=$3+1 ack=$4+1\n$1 is TIME_WAIT\n$2 is CLOSED\n$0',
  },
  {
    label: 'simultaneous-open',
    title: 'snippetSimOpen',
    body: 'peer ${1:A}\npeer ${2:B}\n\n$1 -> $2: SYN seq=100\n& $2 -> $1: SYN seq=300\n$1 -> $2: SYN ACK seq=100 ack=301\n& $2 -> $1: SYN ACK seq=300 ack=101\n$1 is ESTABLISHED\n$2 is ESTABLISHED\n$0',
  },
  {
    label: 'simultaneous-close',
    title: 'snippetSimClose',
    body: 'peer ${1:A} state ESTABLISHED\npeer ${2:B} state ESTABLISHED\n\n$1 -> $2: FIN ACK seq=100 ack=300\n& $2 -> $1: FIN ACK seq=300 ack=100\n$1 -> $2: ACK seq=101 ack=301\n& $2 -> $1: ACK seq=301 ack=101\n$1 is TIME_WAIT\n$2 is TIME_WAIT\n$0',
  },
  {
    label: 'refused',
    title: 'snippetRefused',
    body: 'client ${1:Client}\npeer ${2:Server}\n\n$1 -> $2: SYN seq=${3:x}\n$2 -> $1: RST ACK seq=0 ack=$3+1\n$1 is CLOSED\n$0',
  },
  {
    label: 'half-close',
    title: 'snippetHalfClose',
    body: 'client ${1:Client} state ESTABLISHED\nserver ${2:Server} state ESTABLISHED\n\n$1 -> $2: FIN ACK seq=1000 ack=5000\n$2 -> $1: ACK seq=5000 ack=1001\n$2 -> $1: PSH ACK seq=5000 ack=1001 "${3:more data}"\n$1 -> $2: ACK\n$2 -> $1: FIN ACK\n$1 -> $2: ACK\n$0',
  },
  {
    label: 'lost-syn',
    title: 'snippetLostSyn',
    body: 'client ${1:Client}\nserver ${2:Server}\n\n$1 -x $2: SYN seq=${3:x}\nwait 1s\n$1 -> $2: SYN seq=$3\n$2 -> $1: SYN ACK seq=${4:y} ack=$3+1\n$1 -> $2: ACK seq=$3+1 ack=$4+1\n$0',
  },
];
