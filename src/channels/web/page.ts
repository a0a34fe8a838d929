// The local web chat page: Microsoft's Web Chat bundle, served from node_modules (no CDN, works offline),
// talking to this server's Direct Line endpoint. The browser's HttpOnly cookie ties it to its conversation, so a reload
// resumes the same conversation (and shows its history once).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { JOIN_EVENT } from './parse.js';
import type { MessageId } from '../../content/message-ids.js';
import { renderMessage } from '../../content/render-message.js';
import { claimText } from '../../content/review-state.js';
import type { Content } from '../../content/schema.js';

/** Path of botframework-webchat's browser bundle (not an exported subpath, so found via the resolver's paths). */
export function webChatBundlePath(): string {
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths('botframework-webchat') ?? []) {
    const candidate = join(dir, 'botframework-webchat', 'dist', 'webchat.js');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('botframework-webchat/dist/webchat.js not found: run npm ci');
}

let bundle: Buffer | undefined;
export function webChatBundle(): Buffer {
  bundle ??= readFileSync(webChatBundlePath());
  return bundle;
}

/** Scripts and styles come from this server only; Web Chat injects its styles at run time. */
export const PAGE_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:", "font-src 'self' data:", "media-src 'self' data: blob:", "object-src 'none'",
  "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'",
].join('; ');

/** The page with its words from flows/: the honest claim, the disclaimer, where the record is kept, the status lines. */
export function pageHtml(content: Content): string {
  const say = (id: MessageId) => escapeHtml(renderMessage(content, id).text);
  return PAGE_HTML
    .replace('{{claim}}', escapeHtml(claimText(content)))
    .replace('{{notice}}', `${say('disclaimer.short')} ${say('web.privacy')}`)
    .replace('{{connecting}}', say('web.connecting'))
    .replace('{{cannot_connect}}', say('web.cannot_connect'));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>GentlePath</title>
<style>
  html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; background: #f6f4f2; }
  main { display: flex; flex-direction: column; height: 100%; max-width: 760px; margin: 0 auto; background: #fff; }
  header { padding: 10px 16px; border-bottom: 1px solid #e4dfda; }
  header h1 { font-size: 1.1rem; margin: 0; color: #5a3d5c; }
  header p { font-size: 0.8rem; margin: 2px 0 0; color: #6b6b6b; }
  #webchat { flex: 1; min-height: 0; }
  #status { padding: 16px; color: #6b6b6b; }
  .webchat__text-content { white-space: pre-wrap; }
</style>
</head>
<body>
<main>
  <header>
    <h1>GentlePath</h1>
    <p>{{claim}}</p>
    <p>{{notice}}</p>
  </header>
  <div id="webchat" role="main"><p id="status" data-cannot-connect="{{cannot_connect}}">{{connecting}}</p></div>
</main>
<script src="/webchat.js"></script>
<script src="/app.js"></script>
</body>
</html>
`;

export const APP_JS = `(function () {
  'use strict';
  var status = document.getElementById('status');
  function fail(message) { if (status) status.textContent = message; }
  // The conversation belongs to this browser: the server knows it by an HttpOnly cookie, never by an id kept here.
  fetch('/v3/directline/tokens/generate', {
    method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: '{}'
  }).then(function (res) {
    if (!res.ok) throw new Error('HTTP ' + res.status);
    return res.json();
  }).then(function (session) {
    var directLine = window.WebChat.createDirectLine({
      domain: window.location.origin + '/v3/directline',
      token: session.token, conversationId: session.conversationId, webSocket: true
    });
    var joined = false;
    var store = window.WebChat.createStore({}, function (api) {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED' && !joined) {
            joined = true;
            // An opening turn: the coach greets a newcomer or shows where a returning user is.
            api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: '${JOIN_EVENT}', value: {} } });
          }
          return next(action);
        };
      };
    });
    window.WebChat.renderWebChat({
      directLine: directLine, store: store, userID: 'user', username: 'You', locale: 'en-US',
      styleOptions: {
        hideUploadButton: true, suggestedActionLayout: 'flow', botAvatarInitials: 'GP',
        accent: '#7a4f7d', bubbleBorderRadius: 10, bubbleFromUserBorderRadius: 10,
        suggestedActionBorderRadius: 8, sendTimeout: 60000
      }
    }, document.getElementById('webchat'));
    document.querySelector('#webchat').setAttribute('data-conversation', session.conversationId);
  }).catch(function (error) {
    fail((status ? status.getAttribute('data-cannot-connect') || '' : '').replace('{error}', error.message));
  });
})();
`;
