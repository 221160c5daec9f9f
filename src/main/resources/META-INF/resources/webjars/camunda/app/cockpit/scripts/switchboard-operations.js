// Switchboard's Cockpit plugin (Camunda 7.14+ plugin API: an ES module whose default export lists the plugins;
// config.js names it in customScripts). It adds
//  - a "Call" tab to a running process instance: the call's state, participants, media, recording and its callback
//    events with what became of each, newest first, refreshed every few seconds;
//  - an "Unmatched events" page (menu entry) with the callback events that reached no flow and why.
// It reads Switchboard's operations API with the Cockpit session (same origin, GET only); every value is written as
// text (textContent), never as HTML, since events come from outside.

// This file is <webapp root>/app/cockpit/scripts/switchboard-operations.js; the webapps live at /camunda of
// Switchboard (camunda.bpm.webapp.application-path), so Switchboard's API is one level above the webapp root.
const WEBAPP_ROOT = new URL('../../../', import.meta.url);
const API = new URL('../api/operations/', WEBAPP_ROOT);
const CALL_REFRESH_MS = 3000;
const UNMATCHED_REFRESH_MS = 5000;

const STYLE = `
.sb-ops { padding: 10px 0; font-size: 13px; }
.sb-ops h4 { margin: 18px 0 6px; font-weight: 600; }
.sb-ops table { width: auto; min-width: 50%; border-collapse: collapse; margin-bottom: 6px; }
.sb-ops th, .sb-ops td { border-bottom: 1px solid #ddd; padding: 4px 10px 4px 0; text-align: left; vertical-align: top; }
.sb-ops th { color: #555; font-weight: 600; white-space: nowrap; }
.sb-ops table.sb-summary th { width: 170px; }
.sb-ops td.sb-mono { font-family: Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
.sb-ops .sb-muted { color: #777; }
.sb-ops .sb-badge { display: inline-block; padding: 1px 7px; border-radius: 9px; font-size: 12px; color: #fff;
  background: #777; white-space: nowrap; }
.sb-ops .sb-CORRELATED, .sb-ops .sb-connected { background: #2e7d32; }
.sb-ops .sb-APPLIED { background: #1565c0; }
.sb-ops .sb-PENDING, .sb-ops .sb-connecting { background: #ef6c00; }
.sb-ops .sb-UNMATCHED, .sb-ops .sb-REJECTED { background: #b71c1c; }
.sb-ops .sb-disconnected, .sb-ops .sb-ended { background: #555; }
.sb-ops .sb-running, .sb-ops .sb-active { background: #2e7d32; }
.sb-ops .sb-error { color: #b71c1c; font-weight: 600; }
.sb-ops .sb-footer { color: #777; font-size: 12px; margin-top: 8px; }
`;

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => {
    if (value !== undefined && value !== null) node.setAttribute(name, value);
  });
  children.flat().forEach(child => node.append(child instanceof Node ? child : String(child ?? '')));
  return node;
}

function badge(value, kind = value) {
  return element('span', { class: `sb-badge sb-${kind}` }, value);
}

function pad(number) {
  return String(number).padStart(2, '0');
}

/** Local date and time, to the second: 2026-12-02 19:45:12. */
function time(iso) {
  if (!iso) return '';
  const at = new Date(iso);
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} `
    + `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

/** How long ago: 4 s ago, 3 min ago, 2 h ago. */
function ago(iso) {
  if (!iso) return '';
  const seconds = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

function timeCell(iso) {
  return element('td', { title: iso || '' }, time(iso), iso ? element('div', { class: 'sb-muted' }, ago(iso)) : '');
}

function table(className, headers, rows) {
  return element('table', { class: `table ${className}` },
    element('thead', {}, element('tr', {}, headers.map(header => element('th', {}, header)))),
    element('tbody', {}, rows));
}

function summaryRow(label, ...value) {
  return element('tr', {}, element('th', {}, label), element('td', {}, ...value));
}

async function read(path) {
  const response = await fetch(new URL(path, API), {
    credentials: 'same-origin', headers: { Accept: 'application/json' }, cache: 'no-store',
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = response.status === 401 ? 'Your Cockpit session has ended: sign in again.'
      : body.detail || `Switchboard answered ${response.status}`;
    throw new Error(message);
  }
  return body;
}

function events(rows, { withCall }) {
  const headers = ['Received', 'Event', ...(withCall ? ['Call connection id'] : []), 'What became of it',
    'Reason / result', 'Handled', 'Tries', 'Origin'];
  return table('sb-events', headers, rows.map(event => element('tr', { 'data-event-id': event.eventId },
    timeCell(event.receivedAt),
    element('td', {}, event.type),
    ...(withCall ? [element('td', { class: 'sb-mono' }, event.callConnectionId || '')] : []),
    element('td', {}, badge(event.status), ' ', element('span', { class: 'sb-muted' }, event.outcome)),
    element('td', {}, [event.reason, event.result].filter(Boolean).join(' · ')),
    timeCell(event.handledAt),
    element('td', {}, event.attempts),
    element('td', {}, event.origin === 'RECONCILED' ? 'reconciled from the call\'s state' : 'from ACS'))));
}

function renderCall(view) {
  const call = view.call || {};
  const result = call.lastResultCode != null
    ? `${call.lastResultCode}/${call.lastResultSubCode ?? ''} ${call.lastResultMessage || ''}` : '—';
  const recording = view.recording
    ? [badge(view.recording.recordingState || 'unknown', view.recording.recordingState),
      ' ', element('span', { class: 'sb-muted' }, view.recording.recordingId || '')]
    : ['not recording'];
  const summary = table('sb-summary', [], [
    summaryRow('Flow', badge(view.flowState), ' ', view.processDefinitionKey || '',
      view.startedAt ? element('span', { class: 'sb-muted' }, ` started ${time(view.startedAt)}`) : ''),
    summaryRow('Call state', call.callState ? badge(call.callState) : element('span', { class: 'sb-muted' }, 'no call yet')),
    summaryRow('Media in progress', view.media.length ? view.media.join('; ') : 'none'),
    summaryRow('Recording', ...recording),
    summaryRow('Flow waits for', view.waitsFor.length ? view.waitsFor.join(', ') : 'nothing'),
    summaryRow('Last event', call.lastEvent || '—'),
    summaryRow('Last result', result),
    summaryRow('Call connection id', element('span', { class: 'sb-mono' }, call.callConnectionId || '—')),
    summaryRow('Server call id', element('span', { class: 'sb-mono' }, call.serverCallId || '—')),
    summaryRow('Correlation id', element('span', { class: 'sb-mono' }, call.correlationId || '—')),
  ]);
  summary.querySelector('thead').remove();

  const yesNo = flag => (flag == null ? '?' : flag ? 'yes' : 'no');
  const participants = view.participants.length
    ? table('sb-participants', ['Participant', 'Kind', 'Muted', 'On hold'], view.participants.map(p =>
      element('tr', { 'data-raw-id': p.rawId }, element('td', { class: 'sb-mono' }, p.rawId),
        element('td', {}, p.kind), element('td', {}, yesNo(p.muted)), element('td', {}, yesNo(p.onHold)))))
    : element('p', { class: 'sb-muted' }, 'Nobody yet: no ParticipantsUpdated event has come.');

  return [
    summary,
    element('h4', {}, `Participants (${view.participants.length})`,
      view.participantsAt ? element('span', { class: 'sb-muted' }, ` as of ${time(view.participantsAt)}`) : ''),
    participants,
    element('h4', {}, `Callback events, newest first (${view.events.length}${view.moreEvents ? '+' : ''})`),
    view.events.length ? events(view.events, { withCall: false })
      : element('p', { class: 'sb-muted' }, 'No callback event yet.'),
  ];
}

/**
 * Shows what load() gives in the node, again every interval while the node is in the page. Answers a function that
 * shows it again at once (another page of it, say): the refreshing goes on from there.
 */
function live(node, load, render, interval) {
  const body = element('div', { class: 'sb-body' });
  const footer = element('div', { class: 'sb-footer' });
  node.replaceChildren(element('style', {}, STYLE), element('div', { class: 'sb-ops' }, body, footer));
  let generation = 0;
  const refresh = async mine => {
    let content;
    try {
      content = render(await load());
    } catch (error) {
      content = [element('p', { class: 'sb-error' }, error.message)];
    }
    if (mine !== generation) return;  // a newer refresh has started meanwhile
    body.replaceChildren(...content);
    footer.textContent = content[0]?.classList?.contains('sb-error') ? ''
      : `Updated ${time(new Date().toISOString())}; refreshes every ${interval / 1000} s.`;
    // Cockpit puts the node in the page right after render(); once it is taken out (another tab, another page),
    // the refreshing stops.
    if (node.isConnected) {
      setTimeout(() => (mine === generation ? refresh(mine) : null), interval);
    }
  };
  refresh(generation);
  return () => refresh(++generation);
}

/** The unmatched-events page: the newest page, or an older one (paging by the id of the last event shown). */
function unmatchedPage(node) {
  const pages = [];  // the "before" of each page shown after the newest, to go back
  let before = null;
  const load = () => read(`unmatched-events?limit=100${before ? `&before=${before}` : ''}`);
  const render = page => {
    const rows = page.events;
    const older = element('button', { type: 'button', class: 'btn btn-default btn-sm' }, 'Older events');
    const newer = element('button', { type: 'button', class: 'btn btn-default btn-sm' }, 'Newer events');
    older.disabled = !page.next;
    newer.disabled = before === null;
    older.addEventListener('click', () => {
      pages.push(before);
      before = page.next;
      reload();
    });
    newer.addEventListener('click', () => {
      before = pages.pop() ?? null;
      reload();
    });
    return [
      element('h3', {}, 'Unmatched callback events'),
      element('p', { class: 'sb-muted' }, 'Callback events that reached no flow, newest first, with the reason: '
        + 'ACS sent them for a call no flow owns, or no flow took them in time.'),
      rows.length ? events(rows, { withCall: true })
        : element('p', {}, before ? 'No older ones.' : 'None: every event reached its flow.'),
      element('p', {}, newer, ' ', older),
    ];
  };
  const reload = live(node, load, render, UNMATCHED_REFRESH_MS);
}

export default [
  {
    id: 'switchboard-call-tab',
    pluginPoint: 'cockpit.processInstance.runtime.tab',
    priority: 20,
    properties: { label: 'Call' },
    render: (node, { processInstanceId }) => {
      live(node, () => read(`calls/${encodeURIComponent(processInstanceId)}?limit=200`), renderCall, CALL_REFRESH_MS);
    },
  },
  {
    id: 'switchboard-unmatched-route',
    pluginPoint: 'cockpit.route',
    properties: { path: '/switchboard-unmatched' },
    render: node => {
      const page = element('div', { class: 'container-fluid', style: 'padding: 10px 20px' });
      node.replaceChildren(page);
      unmatchedPage(page);
    },
  },
  {
    id: 'switchboard-unmatched-navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 5,
    properties: { pagePath: '#/switchboard-unmatched', label: 'Unmatched events' },
    checkActive: path => path.includes('#/switchboard-unmatched'),
  },
];
