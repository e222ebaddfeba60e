/**
 * Command-line argument parsing for tcpflow-cli: `<command> [--option value]… <files…>`,
 * strict (an unknown option or a bad value is a usage error, exit code 2).
 */

export class UsageError extends Error {}

export interface ParsedArgs {
  readonly command: string;
  readonly options: Readonly<Record<string, string | true>>;
  readonly files: readonly string[];
}

export interface OptionSpec {
  /** Allowed values; `true` for a flag without a value. */
  readonly [name: string]: readonly string[] | true;
}

export function parseArgs(argv: readonly string[], specs: Readonly<Record<string, OptionSpec>>): ParsedArgs {
  const [command, ...rest] = argv;
  if (!command) throw new UsageError(`missing command (${Object.keys(specs).join(', ')})`);
  const spec = specs[command];
  if (!spec) throw new UsageError(`unknown command '${command}' (expected ${Object.keys(specs).join(', ')})`);
  const options: Record<string, string | true> = {};
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--') {
      // One at a time: `push(...list)` of a long argument list overflows the stack.
      for (let k = i + 1; k < rest.length; k++) files.push(rest[k]!);
      break;
    }
    if (a === '-o' && spec['output'] !== undefined) {
      const value = rest[++i];
      if (value === undefined) throw new UsageError(`option '-o' needs a file name`);
      options['output'] = value;
      continue;
    }
    if (!a.startsWith('--') || a === '-') {
      files.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq >= 0 ? eq : undefined);
    const allowed = spec[name];
    if (allowed === undefined) throw new UsageError(`unknown option '--${name}' for '${command}'`);
    if (allowed === true) {
      if (eq >= 0) throw new UsageError(`option '--${name}' takes no value`);
      options[name] = true;
      continue;
    }
    const value = eq >= 0 ? a.slice(eq + 1) : rest[++i];
    if (value === undefined) throw new UsageError(`option '--${name}' needs a value${allowed.length > 0 ? ` (${allowed.join('|')})` : ''}`);
    if (allowed.length > 0 && !allowed.includes(value)) throw new UsageError(`bad value '${value}' for '--${name}' (expected ${allowed.join('|')})`);
    options[name] = value;
  }
  return { command, options, files };
}
