// Slack as a server channel: on when SLACK_BOT_TOKEN and a signing secret (HTTP events) or an app token
// (Socket Mode) are set.
import { defineChannel } from '../shared/channel.js';

export const SLACK_EVENTS_PATH = '/slack/events';

interface SlackSettings { botToken: string; signingSecret?: string; appToken?: string }

export const slackChannel = defineChannel<SlackSettings>({
  name: 'slack',
  keyPrefix: 'slack:',
  settings: (config) => (config.slackBotToken && (config.slackSigningSecret || config.slackAppToken)
    ? { botToken: config.slackBotToken, signingSecret: config.slackSigningSecret, appToken: config.slackAppToken }
    : undefined),
  async create(context, settings) {
    const { createSlackChannel } = await import('./slack-app.js');
    const slack = createSlackChannel({
      coach: context.coach, content: context.content, store: context.store, logger: context.logger,
      ...settings, slackApiUrl: context.overrides?.slackApiUrl,
    });
    return {
      routes: slack.mode === 'http' ? [{ path: SLACK_EVENTS_PATH, methods: ['POST'], handle: (req, res) => slack.handle(req, res) }] : [],
      deliver: slack.deliver,
      start: () => slack.start(),
      stop: () => slack.stop(),
      idle: () => slack.idle(),
      health: () => slack.mode,
    };
  },
});
