// Microsoft's JavaScript Call Automation SDK, unchanged, against the ACS emulator: every call-steering operation the
// emulator implements, and every media and recording operation (media.js), every callback event parsed by the SDK's
// own parseCallAutomationEvent, and the errors as the SDK surfaces them. It receives the callbacks itself, on a port
// of its own.
//
// Usage: CONNECTION_STRING='endpoint=https://localhost:8443/;accesskey=...' node conformance.js
// (NODE_EXTRA_CA_CERTS names the emulator's certificate). Prints one check a line, then a JSON line
// {"passed": n, "failed": [{"name", "error"}], "events": [the kinds parsed], "mediaCall": id}; exits 1 when a check
// failed.
const http = require('node:http');
const assert = require('node:assert/strict');
const { CallAutomationClient, parseCallAutomationEvent } = require('@azure/communication-call-automation');
const mediaChecks = require('./media.js');

const WAIT_MS = 5000;
const CALLER_ID = { phoneNumber: '+18005550100' };
const connectionString = process.env.CONNECTION_STRING;
if (!connectionString) {
  console.error('CONNECTION_STRING is not set');
  process.exit(2);
}
const endpoint = /endpoint=([^;]+)/i.exec(connectionString)[1].replace(/\/?$/, '/');
const client = new CallAutomationClient(connectionString);

// --- the application's callback endpoint: every POST is one event, parsed by the SDK ------------------------------

const events = [];
/** The events a nextEvent has returned: each is returned once, so that a second wait sees the next such event. */
const taken = new Set();
const waiters = [];
const receiver = http.createServer((request, response) => {
  let body = '';
  request.on('data', chunk => { body += chunk; });
  request.on('end', () => {
    let event;
    try {
      event = parseCallAutomationEvent(body);
    } catch (error) {
      event = { kind: 'Unparsed', error: String(error), body };
    }
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.matches(event) && !taken.has(event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        taken.add(event);
        waiter.resolve(event);
      }
    }
    response.writeHead(200).end();
  });
});

/**
 * The first event (received already or still to come) of the kind about the call that passes the test, and that no
 * earlier nextEvent returned.
 */
function nextEvent(kind, callConnectionId, test = () => true) {
  const matches = event => event.kind === kind && event.callConnectionId === callConnectionId && test(event);
  const seen = events.find(event => matches(event) && !taken.has(event));
  if (seen) {
    taken.add(seen);
    return Promise.resolve(seen);
  }
  return new Promise((resolve, reject) => {
    const waiter = { matches, resolve };
    waiters.push(waiter);
    setTimeout(() => {
      if (waiters.includes(waiter)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`no ${kind} for call ${callConnectionId} within ${WAIT_MS} ms; received: `
          + events.map(e => e.kind).join(', ')));
      }
    }, WAIT_MS);
  });
}

// --- the emulator's control API, to play the other side of calls -----------------------------------------------

async function control(method, path, body) {
  const response = await fetch(endpoint + 'emulator/' + path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} /emulator/${path}: ${response.status} ${text}`);
  }
  return text ? JSON.parse(text) : undefined;
}

// --- checks ------------------------------------------------------------------------------------------------------

const passed = [];
const failed = [];
/** What the checks tell the Java test besides passing (the media call's id). */
const report = {};

async function check(name, body) {
  try {
    await body();
    passed.push(name);
    console.log('ok   ' + name);
  } catch (error) {
    failed.push({ name, error: String(error && error.stack || error) });
    console.log('FAIL ' + name + ': ' + (error && error.stack || error));
  }
}

const user = id => ({ communicationUserId: '8:acs:' + id });
const rawIds = participants => participants.map(p => p.identifier.communicationUserId || p.identifier.phoneNumber
  || p.identifier.rawId);

async function refusal(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the request succeeded');
}

async function main(callbackUrl) {
  let call;
  let callConnectionId;

  await check('createCall: 1:1 call, CallConnected and ParticipantsUpdated', async () => {
    const result = await client.createCall({ targetParticipant: user('js-callee') }, callbackUrl,
      { operationContext: 'create' });
    callConnectionId = result.callConnectionProperties.callConnectionId;
    call = result.callConnection;
    assert.ok(callConnectionId);
    assert.equal(result.callConnectionProperties.callConnectionState, 'connecting');
    assert.deepEqual(result.callConnectionProperties.targetParticipants, [user('js-callee')]);
    const connected = await nextEvent('CallConnected', callConnectionId);
    assert.equal(connected.operationContext, 'create');
    assert.ok(connected.serverCallId);
    assert.ok(connected.correlationId);
    const updated = await nextEvent('ParticipantsUpdated', callConnectionId,
      event => rawIds(event.participants).includes(user('js-callee').communicationUserId));
    assert.equal(updated.participants.length, 2);
    assert.equal(typeof updated.sequenceNumber, 'number');
  });

  await check('getCallConnectionProperties', async () => {
    const properties = await call.getCallConnectionProperties();
    assert.equal(properties.callConnectionId, callConnectionId);
    assert.equal(properties.callConnectionState, 'connected');
    // The SDK's typings name it callbackUrl; it hands on the service's callbackUri.
    assert.equal(properties.callbackUri, callbackUrl);
    assert.deepEqual(properties.targetParticipants, [user('js-callee')]);
  });

  let invitationId;
  await check('addParticipant: AddParticipantSucceeded', async () => {
    const result = await call.addParticipant({ targetParticipant: user('js-added') }, { operationContext: 'add' });
    assert.ok(result.invitationId);
    assert.deepEqual(result.participant.identifier, user('js-added'));
    invitationId = result.invitationId;
    const succeeded = await nextEvent('AddParticipantSucceeded', callConnectionId);
    assert.deepEqual(succeeded.participant, user('js-added'));
    assert.equal(succeeded.operationContext, 'add');
    assert.equal(succeeded.resultInformation.code, 200);
  });

  await check('listParticipants: every page (the emulator pages by 2)', async () => {
    const list = await call.listParticipants();
    assert.equal(list.values.length, 3, JSON.stringify(list.values));
    assert.ok(rawIds(list.values).includes(user('js-callee').communicationUserId));
    assert.ok(rawIds(list.values).includes(user('js-added').communicationUserId));
  });

  await check('getParticipant', async () => {
    const participant = await call.getParticipant(user('js-added'));
    assert.deepEqual(participant.identifier, user('js-added'));
    assert.equal(participant.isMuted, false);
  });

  await check('addParticipant of a busy phone: AddParticipantFailed 486', async () => {
    await call.addParticipant({ targetParticipant: { phoneNumber: '+15550000486' }, sourceCallIdNumber: CALLER_ID },
      { operationContext: 'busy' });
    const addFailed = await nextEvent('AddParticipantFailed', callConnectionId, event => event.operationContext === 'busy');
    assert.equal(addFailed.participant.phoneNumber, '+15550000486');
    assert.equal(addFailed.resultInformation.code, 486);
  });

  await check('cancelAddParticipantOperation: CancelAddParticipantSucceeded, the add fails with 487', async () => {
    const ringing = await call.addParticipant({ targetParticipant: user('emulator-no-answer') },
      { operationContext: 'ringing' });
    const cancelled = await call.cancelAddParticipantOperation(ringing.invitationId, { operationContext: 'cancel' });
    assert.equal(cancelled.invitationId, ringing.invitationId);
    const succeeded = await nextEvent('CancelAddParticipantSucceeded', callConnectionId);
    assert.equal(succeeded.invitationId, ringing.invitationId);
    assert.equal(succeeded.operationContext, 'cancel');
    const addFailed = await nextEvent('AddParticipantFailed', callConnectionId,
      event => event.operationContext === 'ringing');
    assert.equal(addFailed.resultInformation.code, 487);
  });

  await check('cancelAddParticipantOperation of an answered invitation: CancelAddParticipantFailed', async () => {
    await call.cancelAddParticipantOperation(invitationId, { operationContext: 'late-cancel' });
    const cancelFailed = await nextEvent('CancelAddParticipantFailed', callConnectionId);
    assert.equal(cancelFailed.invitationId, invitationId);
  });

  await check('removeParticipant: RemoveParticipantSucceeded', async () => {
    await call.removeParticipant(user('js-added'), { operationContext: 'remove' });
    const removed = await nextEvent('RemoveParticipantSucceeded', callConnectionId);
    assert.deepEqual(removed.participant, user('js-added'));
    assert.equal(removed.operationContext, 'remove');
  });

  await check('removeParticipant of someone not in the call: RemoveParticipantFailed', async () => {
    await call.removeParticipant(user('js-stranger'), { operationContext: 'remove-stranger' });
    const removeFailed = await nextEvent('RemoveParticipantFailed', callConnectionId);
    assert.deepEqual(removeFailed.participant, user('js-stranger'));
  });

  await check('transferCallToParticipant: CallTransferAccepted, then the application leaves', async () => {
    const result = await call.transferCallToParticipant(user('js-transfer-target'), { operationContext: 'transfer' });
    assert.equal(result.operationContext, 'transfer');
    const accepted = await nextEvent('CallTransferAccepted', callConnectionId);
    assert.equal(accepted.operationContext, 'transfer');
    // The parser leaves these two as the service's identifier models.
    assert.equal(accepted.transferTarget.rawId, user('js-transfer-target').communicationUserId);
    assert.equal(accepted.transferee.rawId, user('js-callee').communicationUserId);
    await nextEvent('CallDisconnected', callConnectionId);
  });

  await check('transferCallToParticipant to a busy callee: CallTransferFailed', async () => {
    const created = await client.createCall({ targetParticipant: user('js-transfer-source') }, callbackUrl);
    const id = created.callConnectionProperties.callConnectionId;
    await nextEvent('CallConnected', id);
    await created.callConnection.transferCallToParticipant(user('emulator-busy'), { operationContext: 'busy-transfer' });
    const transferFailed = await nextEvent('CallTransferFailed', id);
    assert.equal(transferFailed.resultInformation.code, 486);
    await created.callConnection.hangUp(false);
    await nextEvent('CallDisconnected', id);
  });

  await check('createGroupCall, then hangUp for everyone: CallDisconnected', async () => {
    const created = await client.createGroupCall([user('js-group-a'), { phoneNumber: '+14255550123' }], callbackUrl,
      { sourceCallIdNumber: CALLER_ID });
    const id = created.callConnectionProperties.callConnectionId;
    assert.equal(created.callConnectionProperties.targetParticipants.length, 2);
    await nextEvent('CallConnected', id);
    await nextEvent('ParticipantsUpdated', id, event => event.participants.length === 3);
    await created.callConnection.hangUp(true);
    await nextEvent('CallDisconnected', id);
  });

  await check('createCall to a busy callee: CreateCallFailed 486', async () => {
    const created = await client.createCall({ targetParticipant: user('emulator-busy') }, callbackUrl);
    const failedEvent = await nextEvent('CreateCallFailed', created.callConnectionProperties.callConnectionId);
    assert.equal(failedEvent.resultInformation.code, 486);
  });

  await check('answerCall of an incoming call: CallConnected, then hangUp: CallDisconnected', async () => {
    const incoming = await control('POST', 'incoming-calls', { from: '+14255550111', to: '8:acs:js-app' });
    const answered = await client.answerCall(incoming.incomingCallContext, callbackUrl, { operationContext: 'answer' });
    const id = answered.callConnectionProperties.callConnectionId;
    assert.equal(answered.callConnectionProperties.serverCallId, incoming.serverCallId);
    const connected = await nextEvent('CallConnected', id);
    assert.equal(connected.correlationId, incoming.correlationId);
    const updated = await nextEvent('ParticipantsUpdated', id);
    assert.ok(rawIds(updated.participants).includes('+14255550111'), JSON.stringify(updated.participants));
    await answered.callConnection.hangUp(false);
    await nextEvent('CallDisconnected', id);
  });

  await check('answerCall after the caller hung up: AnswerFailed', async () => {
    const incoming = await control('POST', 'incoming-calls', { from: '+14255550112', to: '8:acs:js-app' });
    await control('POST', `incoming-calls/${encodeURIComponent(incoming.serverCallId)}:hangUp`);
    const answered = await client.answerCall(incoming.incomingCallContext, callbackUrl);
    const answerFailed = await nextEvent('AnswerFailed', answered.callConnectionProperties.callConnectionId);
    assert.equal(answerFailed.resultInformation.code, 487);
  });

  await check('rejectCall', async () => {
    const incoming = await control('POST', 'incoming-calls', { from: '+14255550113', to: '8:acs:js-app' });
    await client.rejectCall(incoming.incomingCallContext, { callRejectReason: 'busy' });
    const state = await control('GET', `incoming-calls/${encodeURIComponent(incoming.serverCallId)}`);
    assert.equal(state.state, 'rejected');
    assert.equal(state.rejectReason, 'busy');
  });

  await check('redirectCall', async () => {
    const incoming = await control('POST', 'incoming-calls', { from: '+14255550114', to: '8:acs:js-app' });
    await client.redirectCall(incoming.incomingCallContext, { targetParticipant: { phoneNumber: '+14255550199' } });
    const state = await control('GET', `incoming-calls/${encodeURIComponent(incoming.serverCallId)}`);
    assert.equal(state.state, 'redirected');
    assert.equal(state.redirectTarget, '4:+14255550199');
  });

  await check('connectCall to a room: CallConnected, ParticipantsUpdated with the room', async () => {
    await control('POST', 'rooms', { id: 'js-room', participants: ['8:acs:js-room-member'] });
    const connected = await client.connectCall({ kind: 'roomCallLocator', id: 'js-room' }, callbackUrl,
      { operationContext: 'connect' });
    const id = connected.callConnectionProperties.callConnectionId;
    assert.equal((await nextEvent('CallConnected', id)).operationContext, 'connect');
    const updated = await nextEvent('ParticipantsUpdated', id);
    assert.ok(rawIds(updated.participants).includes(user('js-room-member').communicationUserId));
    await connected.callConnection.hangUp(false);
    await nextEvent('CallDisconnected', id);
  });

  await check('connectCall to an unknown group call: ConnectFailed', async () => {
    const connected = await client.connectCall({ kind: 'groupCallLocator', id: 'js-no-such-group' }, callbackUrl);
    const connectFailed = await nextEvent('ConnectFailed', connected.callConnectionProperties.callConnectionId);
    assert.equal(connectFailed.resultInformation.code, 404);
  });

  await check('a participant hangs up: ParticipantsUpdated, CallDisconnected', async () => {
    const created = await client.createCall({ targetParticipant: user('js-leaves') }, callbackUrl);
    const id = created.callConnectionProperties.callConnectionId;
    await nextEvent('CallConnected', id);
    await control('POST', `calls/${encodeURIComponent(id)}/participants/${encodeURIComponent('8:acs:js-leaves')}:hangUp`);
    await nextEvent('CallDisconnected', id);
  });

  await check('an unknown call: 404 as a RestError', async () => {
    const error = await refusal(client.getCallConnection('js-no-such-call').getCallConnectionProperties());
    assert.equal(error.name, 'RestError');
    assert.equal(error.statusCode, 404);
    assert.equal(error.code, '8522');
  });

  await check('a wrong access key: 401 as a RestError', async () => {
    const wrongKey = Buffer.from('not the emulator key, 32 bytes!!').toString('base64');
    const stranger = new CallAutomationClient(`endpoint=${endpoint};accesskey=${wrongKey}`);
    const error = await refusal(stranger.createCall({ targetParticipant: user('js-callee') }, callbackUrl));
    assert.equal(error.name, 'RestError');
    assert.equal(error.statusCode, 401);
  });

  await check('an operation the emulator does not implement yet (startTranscription): 501 as a RestError', async () => {
    const created = await client.createCall({ targetParticipant: user('js-muted') }, callbackUrl);
    const id = created.callConnectionProperties.callConnectionId;
    await nextEvent('CallConnected', id);
    const error = await refusal(created.callConnection.getCallMedia().startTranscription());
    assert.equal(error.name, 'RestError');
    assert.equal(error.statusCode, 501);
    await created.callConnection.hangUp(true);
    await nextEvent('CallDisconnected', id);
  });

  Object.assign(report, await mediaChecks({ client, callbackUrl, check, nextEvent, events, control, user, refusal }));

  await check('every callback was one event the SDK parses', async () => {
    assert.deepEqual(events.filter(event => event.kind === 'Unparsed'), []);
  });
}

receiver.listen(0, '127.0.0.1', async () => {
  const callbackUrl = `http://127.0.0.1:${receiver.address().port}/api/callbacks`;
  try {
    await main(callbackUrl);
  } finally {
    receiver.close();
  }
  console.log(JSON.stringify({
    passed: passed.length,
    failed,
    events: [...new Set(events.map(event => event.kind))].sort(),
    ...report,
  }));
  process.exit(failed.length === 0 ? 0 : 1);
});
