// POST /api/messages: Bot Framework (Teams, Azure Web Chat and the other Azure Bot Service channels, the
// Microsoft 365 Agents Playground) through the Microsoft 365 Agents SDK's CloudAdapter. With a client id it
// authenticates every request as Azure expects (the SDK's JWT check); without one it runs in local mode: no
// authentication, so it takes JSON only, from no foreign web page, and replies only to loopback service
// URLs (and the server refuses to listen beyond loopback unless told otherwise, see channel.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Activity, type ConversationReference } from '@microsoft/agents-activity';
import { CloudAdapter, Conversation, type AuthConfiguration, type ConversationClaims, type Request as AgentsRequest, type TurnContext, type WebResponse } from '@microsoft/agents-hosting';
import type { Coach, Deliver } from '../../coach/handle-turn.js';
import type { BotReply } from '../../coach/bot-reply.js';
import type { ConversationRefs } from '../../store/conversation-refs.js';
import { conversationTag, errorFields, type Logger } from '../../logger.js';
import { HttpError, isLoopbackUrl, readJson } from '../shared/http-util.js';
import { inboundActivitySchema, parseActivity } from './parse.js';
import { renderForBotFramework } from './render.js';
import { renderMessage } from '../../content/render-message.js';
import type { Content } from '../../content/schema.js';

export interface BotFrameworkCredentials {
  /** The Azure Bot's app (client) id; without it, local mode. */
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /** Local mode: also accept non-loopback service URLs (GENTLEPATH_ALLOW_PUBLIC_LOCAL_MODE=1). */
  allowAnyServiceUrl?: boolean;
}

export interface BotFrameworkOptions extends BotFrameworkCredentials {
  /** Words the channel says itself (flows/: channel.one_to_one_only). */
  content: Content;
  coach: Coach;
  refs: ConversationRefs;
  logger: Logger;
}

export interface BotFrameworkChannel {
  /** No client id: no authentication. */
  readonly localMode: boolean;
  readonly adapter: CloudAdapter;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Sends replies to a conversation without being spoken to (redelivery, scheduled messages). */
  deliver: Deliver;
}

/**
 * What is kept to reach a conversation again: the SDK's proactive Conversation, ids only: its reference,
 * with the caller's claims beside it. (References stored before the move to the SDK name the bot "bot".)
 */
type StoredReference = Partial<ConversationReference> & { bot?: { id: string; name?: string }; claims?: ConversationClaims };

/** The SDK's auth settings from ours (MicrosoftAppId/... or the Agents SDK's clientId/... names, see config.ts). */
export function authConfiguration(options: BotFrameworkCredentials): AuthConfiguration {
  if (!options.appId) return {};
  const authType = options.appType === 'UserAssignedMSI' ? 'UserManagedIdentity' : 'ClientSecret';
  return {
    clientId: options.appId, clientSecret: options.appPassword, authType,
    // A single-tenant bot names its tenant; a multi-tenant one authenticates against botframework.com.
    tenantId: options.tenantId ?? (options.appType === 'SingleTenant' ? undefined : 'botframework.com'),
  } as AuthConfiguration;
}

function storable(context: TurnContext): StoredReference {
  const conversation = new Conversation(context);
  const ref = conversation.reference;
  const claims = conversation.claims;
  return {
    channelId: ref.channelId, serviceUrl: ref.serviceUrl, locale: ref.locale,
    conversation: ref.conversation && { id: ref.conversation.id, isGroup: ref.conversation.isGroup, conversationType: ref.conversation.conversationType, tenantId: ref.conversation.tenantId } as ConversationReference['conversation'],
    agent: ref.agent && { id: ref.agent.id, name: ref.agent.name },
    user: ref.user && { id: ref.user.id, name: '' },
    claims: { aud: claims.aud, ...(claims.azp ? { azp: claims.azp } : {}), ...(claims.appid ? { appid: claims.appid } : {}), ...(claims.tid ? { tid: claims.tid } : {}) },
  };
}

/** A stored reference as the SDK's proactive Conversation. */
function restore(stored: unknown, appId: string | undefined): Conversation | null {
  const value = stored as StoredReference | null;
  if (!value?.serviceUrl || !value.conversation?.id) return null;
  const { claims, bot, ...reference } = value;
  const agent = reference.agent ?? (bot ? { id: bot.id, name: bot.name ?? '' } : undefined);
  return new Conversation(claims ?? { aud: appId ?? '' }, { ...reference, agent } as ConversationReference);
}

export function createBotFrameworkChannel(options: BotFrameworkOptions): BotFrameworkChannel {
  const { coach, refs, logger } = options;
  const log = logger.child({ channel: 'botframework' });
  const localMode = !options.appId;
  const adapter = new CloudAdapter(authConfiguration(options));
  adapter.onTurnError = async (_context, error) => {
    log.error(errorFields(error), 'turn error');
  };

  // The last reference written per conversation, so an unchanged one is not written again every turn.
  const savedRefs = new Map<string, string>();
  async function saveReference(key: string, context: TurnContext): Promise<void> {
    const stored = storable(context);
    const json = JSON.stringify(stored);
    if (savedRefs.get(key) === json) return;
    await refs.save(key, 'botframework', stored);
    if (savedRefs.size > 10_000) savedRefs.clear();
    savedRefs.set(key, json);
  }

  const send = (context: TurnContext, key: string, replies: readonly BotReply[], channelId: string) =>
    context.sendActivities(renderForBotFramework(replies, channelId, { key, now: new Date() }).map((a) => Activity.fromObject(a)));

  const logic = async (context: TurnContext): Promise<void> => {
    const inbound = parseActivity(context.activity);
    if (inbound.kind === 'ignore') return;
    const channelId = context.activity.channelId ?? '';
    if (inbound.kind === 'group') {
      await context.sendActivity(Activity.fromObject({ type: 'message', text: renderMessage(options.content, 'channel.one_to_one_only').text, textFormat: 'plain' }));
      log.info({ bfChannel: channelId, outcome: 'group_declined' }, 'turn');
      return;
    }
    const started = performance.now();
    await saveReference(inbound.key, context);
    const replies = await coach.handleTurn(inbound.key, inbound.event, async (_key, out) => {
      await send(context, inbound.key, out, channelId);
    });
    log.info({ bfChannel: channelId, conv: conversationTag(inbound.key), opening: inbound.event.opening === true, replyCount: replies.length, ms: Math.round(performance.now() - started) }, 'turn');
  };

  return {
    localMode,
    adapter,
    async handle(req, res) {
      if (localMode) checkLocalRequest(req);
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'send the activity as application/json');
      const body = await readJson(req, 1024 * 1024);
      if (!inboundActivitySchema.safeParse(body).success) throw new HttpError(400, 'not a Bot Framework activity');
      const serviceUrl = (body as { serviceUrl?: unknown }).serviceUrl;
      if (localMode && !options.allowAnyServiceUrl && typeof serviceUrl === 'string' && serviceUrl !== '' && !isLoopbackUrl(serviceUrl)) {
        throw new HttpError(400, 'local mode replies only to a serviceUrl on this machine');
      }
      await processRequest(adapter, req, res, body as Record<string, unknown>, logic, !localMode);
    },
    async deliver(key, replies) {
      const conversation = restore(await refs.load(key), options.appId);
      if (!conversation) throw new Error(`no conversation reference stored for ${conversationTag(key)}`);
      if (localMode && !options.allowAnyServiceUrl && !isLoopbackUrl(conversation.reference.serviceUrl ?? '')) {
        throw new Error('local mode replies only to a serviceUrl on this machine');
      }
      // The SDK's proactive path (what Proactive.sendActivity does): continue the conversation with its stored claims.
      await adapter.continueConversation(conversation.identity.aud ? conversation.identity : { aud: '' }, conversation.reference, async (context) => {
        // Not a reply to anything: post to the conversation rather than to the continuation's made-up activity id.
        context.onSendActivities(async (_ctx, activities, next) => {
          for (const activity of activities) delete activity.replyToId;
          return next();
        });
        await send(context, key, replies, conversation.reference.channelId ?? '');
      });
    },
  };
}

/** Local mode has no authentication: a web page on another site must not be able to post here. */
function checkLocalRequest(req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (origin !== undefined && !isLoopbackUrl(origin)) throw new HttpError(403, 'local mode accepts requests from this machine only');
}

/**
 * Runs one request through the adapter: the SDK's JWT check first (when authenticating), then the turn.
 * The SDK wants an Express-like request and response with the body parsed; this is the shim for node:http.
 */
export async function processRequest(
  adapter: CloudAdapter, req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>,
  logic: (context: TurnContext) => Promise<void>, authenticate: boolean,
): Promise<void> {
  const shimReq: AgentsRequest = { body, headers: req.headers, method: req.method };
  const shimRes: WebResponse = {
    get headersSent() { return res.headersSent; },
    get writableEnded() { return res.writableEnded; },
    status(code: number) { res.statusCode = code; return this; },
    setHeader(name: string, value: string) { res.setHeader(name, value); return this; },
    send(payload?: unknown) {
      if (payload === undefined) return this;
      if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
        if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.write(payload);
      } else {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.write(JSON.stringify(payload));
      }
      return this;
    },
    end() { res.end(); return this; },
  };
  if (authenticate) {
    let authorized = false;
    await adapter.authorizeRequest(shimReq, shimRes, () => { authorized = true; });
    if (!authorized) {
      if (!res.writableEnded) res.end();
      return;
    }
  }
  await adapter.process(shimReq, shimRes, logic);
}
