// Settings from the environment and command-line flags, checked once at start with a clear message.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CoachError } from './errors.js';
import { llmSettingsFromEnv, llmSettingsSchema } from './llm/settings.js';

const schema = z.object({
  command: z.enum(['start', 'chat', 'export', 'delete', 'migrate', 'rotate-keys']),
  dbPath: z.string().min(1),
  /** PostgreSQL instead of the SQLite file when set. */
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://').optional(),
  user: z.string().min(1).max(200),
  /** export/delete: a conversation key of any channel ("bf:msteams:...") instead of the terminal user. */
  key: z.string().min(3).max(400).optional(),
  /** delete: confirmed on the command line (no question asked). */
  yes: z.boolean(),
  /** --help / -h: print the usage and stop. */
  help: z.boolean(),
  /** A fixed clock for scripted journeys (ISO instant). */
  now: z.iso.datetime({ offset: true }).optional(),
  /** Inbound ids for scripted lines are "<runId>:<line>", so re-running a script after a crash skips what was done. */
  runId: z.string().min(1).optional(),
  defaultTimeZone: z.string().refine(isTimeZone, 'not a time zone the system knows (use an IANA name like Europe/Berlin)'),
  /** Optional LLM voice (off by default): see docs/llm.md. */
  llm: llmSettingsSchema,
  /** The HTTP server (`start`): port and address to listen on. */
  port: z.coerce.number().int().min(0).max(65535),
  /** An IPv6 address may be written in URL brackets ([::1]); the brackets are dropped. */
  host: z.string().min(1).transform((h) => h.replace(/^\[(.+)\]$/, '$1')),
  /** Bot Framework app registration; without an app id, /api/messages runs in local mode (no auth, loopback only). */
  microsoftAppId: z.string().min(1).optional(),
  microsoftAppPassword: z.string().min(1).optional(),
  microsoftAppTenantId: z.string().min(1).optional(),
  microsoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  /** The local web page: auto (on, except with Bot Framework credentials on a public address), on, off. */
  webPage: z.enum(['auto', 'on', 'off']),
  /** Host names besides this machine's the web page answers to (behind a reverse proxy). */
  webHosts: z.array(z.string().min(1)),
  /** Local mode has no auth at all: listening on a non-loopback address needs this explicit opt-in. */
  allowPublicLocalMode: z.boolean(),
  /** Slack is enabled when the bot token and signing secret are set; the app token selects Socket Mode. */
  slackBotToken: z.string().startsWith('xoxb-', 'SLACK_BOT_TOKEN must start with xoxb-').optional(),
  slackSigningSecret: z.string().min(1).optional(),
  slackAppToken: z.string().startsWith('xapp-', 'SLACK_APP_TOKEN must start with xapp-').optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
});

export type Config = z.infer<typeof schema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A setting of the Agents SDK's default connection, as the SDK itself reads it from the environment
 * (connections__serviceConnection__settings__clientId, ...), so this process and the SDK agree.
 */
function agentsSetting(env: NodeJS.ProcessEnv, name: 'clientId' | 'clientSecret' | 'tenantId'): string | undefined {
  const wanted = `connections__serviceconnection__settings__${name}`.toLowerCase();
  const key = Object.keys(env).find((k) => k.toLowerCase() === wanted);
  return key ? env[key] || undefined : undefined;
}

export function loadConfig(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Config {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        db: { type: 'string' }, user: { type: 'string' }, now: { type: 'string' }, 'run-id': { type: 'string' }, tz: { type: 'string' },
        port: { type: 'string' }, host: { type: 'string' }, key: { type: 'string' },
        yes: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (cause) {
    throw new CoachError('config_invalid', `${(cause as Error).message}. See npm run chat -- --help`, cause);
  }
  const { values, positionals } = parsed;
  const result = schema.safeParse({
    // The last word wins, so `npm run chat -- export` ("chat export") runs the export.
    command: positionals.at(-1) ?? 'start',
    dbPath: values.db ?? env.GENTLEPATH_DB ?? 'data/gentlepath.db',
    databaseUrl: env.DATABASE_URL || undefined,
    user: values.user ?? env.GENTLEPATH_USER ?? 'local',
    key: values.key,
    yes: values.yes === true,
    help: values.help === true,
    now: values.now ?? env.GENTLEPATH_NOW,
    runId: values['run-id'],
    defaultTimeZone: values.tz ?? env.GENTLEPATH_TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
    llm: llmSettingsFromEnv(env),
    port: values.port ?? (env.PORT || 3978),
    host: values.host ?? (env.HOST || '127.0.0.1'),
    // The Microsoft 365 Agents SDK's names first, then the Bot Framework SDK's (still supported).
    microsoftAppId: agentsSetting(env, 'clientId') || env.MicrosoftAppId || undefined,
    microsoftAppPassword: agentsSetting(env, 'clientSecret') || env.MicrosoftAppPassword || undefined,
    microsoftAppTenantId: agentsSetting(env, 'tenantId') || env.MicrosoftAppTenantId || undefined,
    microsoftAppType: env.MicrosoftAppType || undefined,
    allowPublicLocalMode: env.GENTLEPATH_ALLOW_PUBLIC_LOCAL_MODE === '1',
    webPage: env.GENTLEPATH_WEB_PAGE || 'auto',
    webHosts: (env.GENTLEPATH_WEB_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
    slackBotToken: env.SLACK_BOT_TOKEN || undefined,
    slackSigningSecret: env.SLACK_SIGNING_SECRET || undefined,
    slackAppToken: env.SLACK_APP_TOKEN || undefined,
    logLevel: env.LOG_LEVEL || 'info',
  });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new CoachError('config_invalid', `invalid setting ${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data;
}
