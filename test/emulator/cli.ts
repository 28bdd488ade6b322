/**
 * `npm run emulator [-- --port 8080 --numbers 1000 --seed 1 --non-admin --password-grant --unlimited]`
 * Starts the RingCentral platform emulator with fixed demo credentials (valid only against this
 * local emulator) and runs until Ctrl+C. PORT in the environment also sets the port.
 */
import type { EmulatorOptions } from './api';
import { DEMO_CREDENTIALS } from './credentials';
import { startEmulator } from './server';

interface CliArgs {
  options: EmulatorOptions;
  help: boolean;
}

function intArg(name: string, value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new Error(`${name} expects a non-negative integer, got ${String(value)}`);
  return Number(value);
}

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): CliArgs {
  const options: EmulatorOptions = { credentials: { ...DEMO_CREDENTIALS } };
  if (env['PORT']) options.port = intArg('PORT', env['PORT']);
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--port':
        options.port = intArg('--port', value());
        break;
      case '--numbers':
        options.phoneNumbers = intArg('--numbers', value());
        break;
      case '--extensions':
        options.extensions = intArg('--extensions', value());
        break;
      case '--seed':
        options.seed = intArg('--seed', value());
        break;
      case '--non-admin':
        options.admin = false;
        break;
      case '--password-grant':
        options.passwordGrant = true;
        break;
      case '--unlimited':
        options.unlimited = true;
        break;
      case '--omit-totals':
        options.omitTotals = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new Error(`unknown argument ${arg} (try --help)`);
    }
  }
  return { options, help };
}

const USAGE = `Usage: npm run emulator -- [--port N] [--numbers N] [--extensions N] [--seed N]
                            [--non-admin] [--password-grant] [--unlimited] [--omit-totals]
PORT=N in the environment also sets the port (default: a random free port).`;

async function main(): Promise<void> {
  let parsed: CliArgs;
  try {
    parsed = parseArgs(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const em = await startEmulator(parsed.options);
  const lines = [
    `RingCentral platform emulator listening on ${em.url}`,
    '',
    `  Server URL          ${em.url}`,
    `  Client ID           ${em.app.clientId}`,
    `  Client secret       ${em.app.clientSecret}`,
    `  JWT credential      ${em.jwt}`,
    `  Public (PKCE) app   ${em.publicApp.clientId}`,
    `  User                ${em.user.username} ext. ${em.user.extension}` +
      (parsed.options.passwordGrant ? ` / password ${em.user.password}` : ' (password grant off; --password-grant)'),
    `  Phone numbers       ${em.data.phoneNumbers.length}, extensions ${em.data.extensions.length}`,
    '',
    'These are demo credentials for this local emulator only. Press Ctrl+C to stop.',
  ];
  console.log(lines.join('\n'));
  const stop = (): void => {
    console.log('\nStopping emulator...');
    em.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
