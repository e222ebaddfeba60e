/**
 * Names from the user's file looked up in the records the core makes (an endpoint's snapshot, what
 * it owes): only the record's own entries count, so a participant named `constructor`, `toString`
 * or `valueOf` is never mistaken for what every object inherits.
 */

const hasOwn = Object.prototype.hasOwnProperty;

export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && hasOwn.call(record, key) ? record[key] : undefined;
}
