// POST /api/messages: Bot Framework (Teams, Azure Web Chat, the Emulator and the other Azure Bot Service
// channels) through botbuilder's CloudAdapter. With an app id it authenticates every request as Azure
// expects; without one it runs in local mode, like the Emulator: no auth at all (the server then refuses to
// listen beyond loopback unless told otherwise, see channel.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, TurnContext,
  type Activity, type ConversationReference, type Request as BfRequest, type Response as BfResponse,
} from 'botbuilder';
import type { Coach, Deliver } from '../../coach/handle-turn.js';
import type { ConversationRefs } from '../../store/conversation-refs.js';
import { conversationTag, errorFields, type Logger } from '../../logger.js';
import { readJson } from '../shared/http-util.js';
import { parseActivity } from './parse.js';
import { PRIVATE_ONLY_TEXT, renderForBotFramework } from './render.js';

export interface BotFrameworkCredentials {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
}

export interface BotFrameworkOptions extends BotFrameworkCredentials {
  coach: Coach;
  refs: ConversationRefs;
  logger: Logger;
}

export interface BotFrameworkChannel {
  /** No app id: no authentication, replies go to whatever serviceUrl the caller names. */
  readonly localMode: boolean;
  readonly adapter: CloudAdapter;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Sends replies to a conversation without being spoken to (redelivery, scheduled messages). */
  deliver: Deliver;
}

/** Conversation references keep ids and the service URL, not people's names. */
function storableReference(activity: Partial<Activity>): Partial<ConversationReference> {
  const ref = TurnContext.getConversationReference(activity);
  return {
    channelId: ref.channelId, serviceUrl: ref.serviceUrl, locale: ref.locale,
    conversation: ref.conversation && { id: ref.conversation.id, isGroup: ref.conversation.isGroup, conversationType: ref.conversation.conversationType, tenantId: ref.conversation.tenantId } as ConversationReference['conversation'],
    bot: ref.bot && { id: ref.bot.id, name: ref.bot.name },
    user: ref.user && { id: ref.user.id, name: '' },
  };
}

export function createBotFrameworkChannel(options: BotFrameworkOptions): BotFrameworkChannel {
  const { coach, refs, logger } = options;
  const log = logger.child({ channel: 'botframework' });
  const appType = options.appType ?? (options.tenantId ? 'SingleTenant' : 'MultiTenant');
  const auth = new ConfigurationBotFrameworkAuthentication(options.appId ? {
    MicrosoftAppId: options.appId, MicrosoftAppPassword: options.appPassword, MicrosoftAppTenantId: options.tenantId, MicrosoftAppType: appType,
  } : {});
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (_context, error) => {
    log.error(errorFields(error), 'turn error');
  };

  // The last reference written per conversation, so an unchanged one is not written again every turn.
  const savedRefs = new Map<string, string>();
  async function saveReference(key: string, activity: Partial<Activity>): Promise<void> {
    const ref = storableReference(activity);
    const json = JSON.stringify(ref);
    if (savedRefs.get(key) === json) return;
    await refs.save(key, 'botframework', ref);
    if (savedRefs.size > 10_000) savedRefs.clear();
    savedRefs.set(key, json);
  }

  const logic = async (context: TurnContext): Promise<void> => {
    const inbound = parseActivity(context.activity);
    if (inbound.kind === 'ignore') return;
    const channelId = context.activity.channelId;
    if (inbound.kind === 'group') {
      await context.sendActivity({ type: 'message', text: PRIVATE_ONLY_TEXT, textFormat: 'plain' });
      log.info({ bfChannel: channelId, outcome: 'group_declined' }, 'turn');
      return;
    }
    const started = performance.now();
    await saveReference(inbound.key, context.activity);
    const replies = await coach.handleTurn(inbound.key, inbound.event, async (_key, out) => {
      await context.sendActivities(renderForBotFramework(out, channelId));
    });
    log.info({ bfChannel: channelId, conv: conversationTag(inbound.key), opening: inbound.event.opening === true, replyCount: replies.length, ms: Math.round(performance.now() - started) }, 'turn');
  };

  return {
    localMode: !options.appId,
    adapter,
    async handle(req, res) {
      await processRequest(adapter, req, res, logic);
    },
    async deliver(key, replies) {
      const ref = (await refs.load(key)) as Partial<ConversationReference> | null;
      if (!ref?.serviceUrl || !ref.conversation) throw new Error(`no conversation reference stored for ${conversationTag(key)}`);
      await adapter.continueConversationAsync(options.appId ?? '', ref, async (context) => {
        // Not a reply to anything: post to the conversation rather than to the continuation's made-up activity id.
        context.onSendActivities(async (_ctx, activities, next) => {
          for (const activity of activities) delete activity.replyToId;
          return next();
        });
        await context.sendActivities(renderForBotFramework(replies, ref.channelId ?? ''));
      });
    },
  };
}

/**
 * Runs one HTTP request through the adapter with `logic`. botbuilder wants an Express/Restify-like
 * request and response, with the body already parsed; this is the small shim for node:http.
 */
export async function processRequest(adapter: CloudAdapter, req: IncomingMessage, res: ServerResponse, logic: (context: TurnContext) => Promise<void>): Promise<void> {
  const body = await readJson(req, 1024 * 1024);
  const shimReq: BfRequest = { body: body as Record<string, unknown>, headers: req.headers, method: req.method };
  const shimRes: BfResponse = {
    socket: res.socket,
    status(code: number) { res.statusCode = code; },
    header(name: string, value: unknown) { res.setHeader(name, String(value)); },
    send(payload: unknown) {
      if (payload === undefined) return;
      if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
        if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.write(payload);
      } else {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.write(JSON.stringify(payload));
      }
    },
    end() { res.end(); },
  };
  await adapter.process(shimReq, shimRes, logic);
}
