// Bot Framework as a server channel: POST /api/messages (Teams, Azure Web Chat, local mode tools).
import { CoachError } from '../../errors.js';
import { isLoopback } from '../shared/http-util.js';
import { defineChannel, type ChannelConfig } from '../shared/channel.js';
import type { BotFrameworkCredentials } from './bot-framework.js';

export const BOT_FRAMEWORK_PATH = '/api/messages';

/** Local mode has no authentication at all: refuse to expose it unless told to, in one clear line. */
function checkExposure(config: ChannelConfig): void {
  if (config.microsoftAppId || config.allowPublicLocalMode || isLoopback(config.host)) return;
  throw new CoachError('config_invalid',
    `refusing to listen on ${config.host}: without MicrosoftAppId, /api/messages runs in local mode with no authentication. Use HOST=127.0.0.1, set MicrosoftAppId/MicrosoftAppPassword/MicrosoftAppTenantId, or set GENTLEPATH_ALLOW_PUBLIC_LOCAL_MODE=1 if you really mean it.`);
}

export const botFrameworkChannel = defineChannel<BotFrameworkCredentials>({
  name: 'botframework',
  keyPrefix: 'bf:',
  settings: (config) => ({
    appId: config.microsoftAppId, appPassword: config.microsoftAppPassword,
    tenantId: config.microsoftAppTenantId, appType: config.microsoftAppType,
    allowAnyServiceUrl: config.allowPublicLocalMode,
  }),
  checkExposure,
  async create(context, settings) {
    const { createBotFrameworkChannel } = await import('./bot-framework.js');
    const bf = createBotFrameworkChannel({ coach: context.coach, content: context.content, refs: context.refs, logger: context.logger, ...settings });
    return {
      routes: [{ path: BOT_FRAMEWORK_PATH, methods: ['POST'], handle: (req, res) => bf.handle(req, res) }],
      deliver: bf.deliver,
      async start() {},
      async stop() {},
      // Turns run inside the request: nothing continues after the answer.
      async idle() {},
      health: () => (bf.localMode ? 'local' : 'authenticated'),
    };
  },
});
