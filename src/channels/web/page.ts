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
    .replace('{{cannot_connect}}', say('web.cannot_connect'))
    .replace('{{offline}}', say('web.offline'))
    .replace('{{calendar}}', say('web.calendar_link'))
    .replace('{{physio}}', say('web.physio_link'))
    .replace('{{timer_heading}}', say('web.timer_heading'))
    .replace('{{timer_left}}', say('web.timer_left'))
    .replace('{{timer_done}}', say('web.timer_done'))
    .replace('{{stop}}', say('button.stop'));
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
<link rel="icon" href="/icon.svg" type="image/svg+xml">
<style>
  html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; background: #f6f4f2; }
  main { display: flex; flex-direction: column; height: 100%; max-width: 760px; margin: 0 auto; background: #fff; }
  header { padding: 10px 16px; border-bottom: 1px solid #e4dfda; }
  header h1 { font-size: 1.1rem; margin: 0; color: #5a3d5c; display: flex; align-items: center; gap: 8px; }
  header h1 img { width: 28px; height: 28px; }
  #offline { margin: 0; padding: 8px 16px; background: #fff4d6; color: #4a3b00; font-size: 0.9rem; border-bottom: 1px solid #e8d7a0; }
  #offline[hidden] { display: none; }
  header p { font-size: 0.8rem; margin: 2px 0 0; color: #595959; }
  header a { color: #6a3f6d; margin-right: 12px; }
  #webchat { flex: 1; min-height: 0; }
  /* The countdown during a hold: the seconds left and a Stop that is always one press away. */
  #hold { display: flex; align-items: center; gap: 12px; padding: 10px 16px; background: #f3e6f1; border-bottom: 1px solid #d9c3d6; }
  #hold[hidden] { display: none; }
  #hold h2 { font-size: 1rem; margin: 0; color: #5a3d5c; }
  #hold-count { margin: 0; flex: 1; font-size: 1.1rem; color: #222; font-variant-numeric: tabular-nums; }
  #hold-count strong { font-size: 1.7rem; }
  #hold-stop { font: inherit; font-size: 1.1rem; font-weight: 600; min-height: 44px; min-width: 88px; padding: 8px 20px; border-radius: 8px; border: 2px solid #7a4f7d; background: #7a4f7d; color: #fff; cursor: pointer; }
  #hold-stop:hover { background: #5a3d5c; }
  #hold-stop:focus-visible { outline: 3px solid #1d4f91; outline-offset: 2px; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  #status { padding: 16px; color: #595959; }
  .webchat__text-content { white-space: pre-wrap; }
  /* Web Chat shows each line of plain text as its own paragraph: keep them close, like lines of one message. */
  #webchat .webchat__text-content--is-plain { padding-top: 1px; padding-bottom: 1px; }
  #webchat .webchat__text-content--is-plain:first-child { padding-top: 10px; }
  #webchat .webchat__text-content--is-plain:last-child { padding-bottom: 10px; }
  #webchat .webchat__bubble img { max-width: 100%; height: auto; }
  /* Web Chat crops a picture to a fixed height; the chart is shown whole, at most at its own size. */
  #webchat .webchat__bubble__content div:has(> img[alt]) { height: auto !important; overflow: visible; }
  #webchat .webchat__bubble__content div:has(> img[alt]) > img { position: static; transform: none; display: block; width: auto; }
</style>
</head>
<body>
<main>
  <header>
    <h1><img src="/icon.svg" alt="">GentlePath</h1>
    <p>{{claim}}</p>
    <p>{{notice}}</p>
    <p><a id="calendar" href="/v3/directline/calendar.ics" download="gentlepath-check-in.ics">{{calendar}}</a> <a id="physio" href="/v3/directline/summary" target="_blank" rel="noopener">{{physio}}</a></p>
  </header>
  <p id="offline" role="status" aria-live="polite" hidden>{{offline}}</p>
  <section id="hold" aria-labelledby="hold-title" hidden data-left="{{timer_left}}" data-done="{{timer_done}}">
    <h2 id="hold-title">{{timer_heading}}</h2>
    <p id="hold-count" role="timer" aria-atomic="true"></p>
    <button id="hold-stop" type="button">{{stop}}</button>
  </section>
  <p id="hold-status" class="visually-hidden" role="status" aria-live="polite"></p>
  <div id="webchat"><p id="status" data-cannot-connect="{{cannot_connect}}">{{connecting}}</p></div>
</main>
<script src="/webchat.js"></script>
<script src="/app.js"></script>
</body>
</html>
`;

/** The GentlePath mark: a soft leaf in a circle (favicon, header and the coach's avatar). */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="32" fill="#7a4f7d"/><path d="M20 44c0-14 9-24 26-26-1 17-11 26-24 26" fill="#f3e6f1"/><path d="M20 44c5-9 11-15 19-19" stroke="#7a4f7d" stroke-width="2.5" fill="none" stroke-linecap="round"/></svg>
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
    var connection = 1;
    var rejected = false;
    var offline = document.getElementById('offline');
    function showOffline() {
      var down = !navigator.onLine || rejected || (joined && connection !== 2);
      if (offline) offline.hidden = !down;
    }
    window.addEventListener('online', showOffline);
    window.addEventListener('offline', showOffline);
    // Asked for a time zone, the page offers the one this browser is set to, as the first button.
    function withBrowserZone(action) {
      var activity = action.payload && action.payload.activity;
      var zone = '';
      try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) { zone = ''; }
      if (!zone || !activity || !activity.channelData || activity.channelData.expects !== 'zone') return action;
      var actions = (activity.suggestedActions && activity.suggestedActions.actions) || [];
      var offered = [{ type: 'imBack', title: zone, value: zone }].concat(actions.filter(function (a) { return a.value !== zone; }));
      var changed = Object.assign({}, activity, { suggestedActions: { to: [], actions: offered } });
      return Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: changed }) });
    }
    var hold = holdTimer(function (text) {
      store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: text } });
    });
    var store = window.WebChat.createStore({}, function (api) {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED' && !joined) {
            joined = true;
            // An opening turn: the coach greets a newcomer (a page with history is not greeted again).
            api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: '${JOIN_EVENT}', value: {} } });
          }
          if (action.type === 'DIRECT_LINE/UPDATE_CONNECTION_STATUS') {
            // 2 is online; anything else after the first connection means the line is down or coming back.
            connection = action.payload && action.payload.connectionStatus;
            showOffline();
          }
          if (action.type === 'DIRECT_LINE/POST_ACTIVITY_REJECTED') { rejected = true; showOffline(); }
          if (action.type === 'DIRECT_LINE/POST_ACTIVITY_FULFILLED') { rejected = false; showOffline(); }
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            hold.see(action.payload && action.payload.activity);
            action = withBrowserZone(action);
          }
          return next(action);
        };
      };
    });
    window.WebChat.renderWebChat({
      directLine: directLine, store: store, userID: 'user', username: 'You', locale: 'en-US',
      styleOptions: {
        hideUploadButton: true, suggestedActionLayout: 'flow', botAvatarImage: '/icon.svg', botAvatarInitials: ' ',
        accent: '#7a4f7d', bubbleBorderRadius: 10, bubbleFromUserBorderRadius: 10,
        suggestedActionBorderRadius: 8, sendTimeout: 60000
      }
    }, document.getElementById('webchat'));
    document.querySelector('#webchat').setAttribute('data-conversation', session.conversationId);
  }).catch(function (error) {
    fail((status ? status.getAttribute('data-cannot-connect') || '' : '').replace('{error}', error.message));
  });

  // The countdown during a hold. The coach's reply that starts the timer says when it ends, so a reload
  // (which replays the conversation) picks the countdown up where it is; a later question from the coach
  // (the rating after "done" or Stop) or its "time's up" ends it. Stop sends the step's own Stop answer, so
  // the comfort rule applies as if the Stop button under the step were pressed.
  function holdTimer(send) {
    var panel = document.getElementById('hold');
    var count = document.getElementById('hold-count');
    var stop = document.getElementById('hold-stop');
    var live = document.getElementById('hold-status');
    var template = panel.getAttribute('data-left') || '{seconds}';
    var endsAt = 0;
    var stopValue = '';
    var shown = -1;
    var ticker = null;
    function announce(text) { live.textContent = ''; setTimeout(function () { live.textContent = text; }, 50); }
    function render(seconds) {
      var at = template.indexOf('{seconds}');
      count.textContent = '';
      if (at < 0) { count.textContent = template; return; }
      var number = document.createElement('strong');
      number.textContent = String(seconds);
      count.appendChild(document.createTextNode(template.slice(0, at)));
      count.appendChild(number);
      count.appendChild(document.createTextNode(template.slice(at + '{seconds}'.length)));
    }
    function typing() {
      var active = document.activeElement;
      return !!active && (active.tagName === 'TEXTAREA' || active.tagName === 'INPUT') && active.value !== '';
    }
    function end(sayDone) {
      if (!ticker) return;
      clearInterval(ticker);
      ticker = null;
      endsAt = 0;
      shown = -1;
      var hadFocus = panel.contains(document.activeElement);
      panel.hidden = true;
      if (sayDone) announce(panel.getAttribute('data-done') || '');
      if (hadFocus) {
        var box = document.querySelector('[data-id="webchat-sendbox-input"]');
        if (box) box.focus();
      }
    }
    function tick() {
      var left = Math.ceil((endsAt - Date.now()) / 1000);
      if (left <= 0) { end(true); return; }
      if (left === shown) return;
      shown = left;
      render(left);
      if (left % 15 === 0) announce(count.textContent);
    }
    function start(timer) {
      var at = Date.parse(timer.endsAt);
      if (!(at > Date.now())) return;
      var fresh = !ticker;
      endsAt = at;
      stopValue = (timer.stop && timer.stop.value) || stopValue;
      if (timer.stop && timer.stop.label) stop.textContent = timer.stop.label;
      panel.hidden = false;
      if (fresh) {
        shown = Math.ceil((endsAt - Date.now()) / 1000);
        render(shown);
        announce(document.getElementById('hold-title').textContent + ': ' + count.textContent);
        ticker = setInterval(tick, 250);
        if (!typing()) stop.focus({ preventScroll: true });
      }
    }
    stop.addEventListener('click', function () {
      var value = stopValue;
      end(false);
      if (value) send(value);
    });
    return {
      see: function (activity) {
        if (!activity || activity.type !== 'message' || !activity.from || activity.from.role !== 'bot') return;
        var data = activity.channelData || {};
        if (data.timer) { start(data.timer); return; }
        var ids = data.contentIds || [];
        if (ids.indexOf('timer.done') >= 0) { end(true); return; }
        if (data.expects && data.expects !== 'step') end(false);
      }
    };
  }
})();
`;
