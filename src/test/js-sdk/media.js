// The media and recording half of the conformance script: every media operation of CallMedia, muteParticipant and
// CallRecording driven through the SDK's own API, and every media and recording event the emulator posts parsed by
// parseCallAutomationEvent (conformance.js hands in its helpers). The caller's keys and words come from the
// emulator's control API (press, say, callers). JsSdkConformanceIT sets the emulator's media so that a file plays
// for 300 ms and https://*/missing.wav cannot be downloaded.
const assert = require('node:assert/strict');

const COGNITIVE_SERVICES = { cognitiveServicesEndpoint: 'https://js-sdk-speech.cognitiveservices.azure.com/' };
const FILE = { kind: 'fileSource', url: 'https://media.example.com/welcome.wav' };
const MISSING_FILE = { kind: 'fileSource', url: 'https://media.example.com/missing.wav' };
const text = words => ({ kind: 'textSource', text: words, voiceName: 'en-US-JennyNeural', sourceLocale: 'en-US' });
const SSML = {
  kind: 'ssmlSource',
  ssmlText: '<speak version="1.0" xml:lang="en-US"><voice name="en-US-JennyNeural">Hi<break time="100ms"/></voice></speak>',
};
const CHOICES = [
  { label: 'Sales', phrases: ['sales', 'buy something'], tone: 'one' },
  { label: 'Support', phrases: ['support', 'help'], tone: 'two' },
];
const PHONE = { phoneNumber: '+14255550150' };
const CALLER_ID = { phoneNumber: '+18005550100' };
const enc = encodeURIComponent;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Asserts an event's resultInformation, naming the event and its operation context when it differs. */
function result(event, code, subCode) {
  const what = `${event.kind} (${event.operationContext}) resultInformation`;
  assert.ok(event.resultInformation, `${what} is missing: ${JSON.stringify(event)}`);
  assert.equal(event.resultInformation.code, code, `${what}.code`);
  assert.equal(event.resultInformation.subCode, subCode, `${what}.subCode`);
}

module.exports = async function mediaChecks({ client, callbackUrl, check, nextEvent, events, control, user, refusal }) {
  const report = {};
  const press = (id, rawId, tones) => control('POST', `calls/${enc(id)}/participants/${enc(rawId)}:press`, { tones });
  const say = (id, rawId, phrase, confidence) =>
    control('POST', `calls/${enc(id)}/participants/${enc(rawId)}:say`, { phrase, confidence });
  const byContext = context => event => event.operationContext === context;

  let call;
  let media;
  let id;
  let serverCallId;
  const phoneRaw = '4:' + PHONE.phoneNumber;
  const member = user('js-media-member');

  await check('createGroupCall with a Cognitive Services endpoint, for the media checks', async () => {
    const created = await client.createGroupCall([PHONE, member], callbackUrl,
      { sourceCallIdNumber: CALLER_ID, callIntelligenceOptions: COGNITIVE_SERVICES, operationContext: 'media' });
    id = created.callConnectionProperties.callConnectionId;
    call = created.callConnection;
    media = call.getCallMedia();
    serverCallId = (await nextEvent('CallConnected', id)).serverCallId;
    await nextEvent('ParticipantsUpdated', id, event => event.participants.length === 3);
    report.mediaCall = id;
  });

  // --- play ----------------------------------------------------------------------------------------------------

  await check('playToAll(FileSource): PlayStarted, PlayCompleted 200/0', async () => {
    await media.playToAll([FILE], { operationContext: 'play-file' });
    const started = await nextEvent('PlayStarted', id, byContext('play-file'));
    result(started, 200, 0);
    const completed = await nextEvent('PlayCompleted', id, byContext('play-file'));
    result(completed, 200, 0);
    assert.equal(completed.serverCallId, serverCallId, 'PlayCompleted.serverCallId');
    assert.ok(completed.correlationId, 'PlayCompleted.correlationId');
  });

  await check('play(TextSource) to the phone participant: PlayStarted, PlayCompleted', async () => {
    await media.play([text('Hi there')], [PHONE], { operationContext: 'play-text' });
    result(await nextEvent('PlayStarted', id, byContext('play-text')), 200, 0);
    result(await nextEvent('PlayCompleted', id, byContext('play-text')), 200, 0);
  });

  await check('play(SsmlSource): PlayCompleted', async () => {
    await media.play([SSML], [member], { operationContext: 'play-ssml' });
    result(await nextEvent('PlayCompleted', id, byContext('play-ssml')), 200, 0);
  });

  await check('two plays queue: the second starts after the first completed', async () => {
    await media.playToAll([FILE], { operationContext: 'queue-1' });
    await media.playToAll([text('Hi')], { operationContext: 'queue-2' });
    const first = await nextEvent('PlayCompleted', id, byContext('queue-1'));
    const secondStarted = await nextEvent('PlayStarted', id, byContext('queue-2'));
    assert.ok(events.indexOf(secondStarted) > events.indexOf(first),
      'PlayStarted of queue-2 came before PlayCompleted of queue-1');
    await nextEvent('PlayCompleted', id, byContext('queue-2'));
  });

  await check('playToAll of a file that cannot be downloaded (second source): PlayFailed 400/8536, index 1',
    async () => {
      await media.playToAll([FILE, MISSING_FILE], { operationContext: 'play-missing' });
      const playFailed = await nextEvent('PlayFailed', id, byContext('play-missing'));
      result(playFailed, 400, 8536);
      assert.equal(playFailed.failedPlaySourceIndex, 1, 'PlayFailed.failedPlaySourceIndex');
    });

  await check('playToAll loop, then playToAll interruptCallMediaOperation: PlayCanceled 400/8508, PlayCompleted',
    async () => {
      await media.playToAll([FILE], { loop: true, operationContext: 'loop' });
      await nextEvent('PlayStarted', id, byContext('loop'));
      await sleep(700); // more than twice the file: a loop does not complete
      assert.equal(events.filter(e => e.kind === 'PlayCompleted' && e.operationContext === 'loop').length, 0,
        'a looping play completed');
      await media.playToAll([text('Hi')], { interruptCallMediaOperation: true, operationContext: 'interrupt' });
      result(await nextEvent('PlayCanceled', id, byContext('loop')), 400, 8508);
      result(await nextEvent('PlayCompleted', id, byContext('interrupt')), 200, 0);
    });

  await check('play loop, then cancelAllOperations: PlayCanceled', async () => {
    await media.play([FILE], [PHONE], { loop: true, operationContext: 'loop-cancel' });
    await nextEvent('PlayStarted', id, byContext('loop-cancel'));
    await media.cancelAllOperations();
    result(await nextEvent('PlayCanceled', id, byContext('loop-cancel')), 400, 8508);
  });

  await check('play(TextSource) on a call without Cognitive Services: PlayFailed 400/8565, index 0', async () => {
    const created = await client.createCall({ targetParticipant: user('js-no-speech') }, callbackUrl);
    const plain = created.callConnectionProperties.callConnectionId;
    await nextEvent('CallConnected', plain);
    await created.callConnection.getCallMedia().playToAll([text('Hi')], { operationContext: 'no-speech' });
    const playFailed = await nextEvent('PlayFailed', plain, byContext('no-speech'));
    result(playFailed, 400, 8565);
    assert.equal(playFailed.failedPlaySourceIndex, 0, 'PlayFailed.failedPlaySourceIndex');
    await created.callConnection.hangUp(true);
    await nextEvent('CallDisconnected', plain);
  });

  await check('startRecognizing speech on a call without Cognitive Services: RecognizeFailed 400/8565', async () => {
    const created = await client.createCall({ targetParticipant: user('js-no-speech-recognition') }, callbackUrl);
    const plain = created.callConnectionProperties.callConnectionId;
    await nextEvent('CallConnected', plain);
    await created.callConnection.getCallMedia().startRecognizing(user('js-no-speech-recognition'),
      { kind: 'callMediaRecognizeSpeechOptions', operationContext: 'no-speech-recognition' });
    result(await nextEvent('RecognizeFailed', plain, byContext('no-speech-recognition')), 400, 8565);
    await created.callConnection.hangUp(true);
    await nextEvent('CallDisconnected', plain);
  });

  await check('play to someone not in the call: 404 as a RestError', async () => {
    const error = await refusal(media.play([FILE], [user('js-stranger')]));
    assert.equal(error.name, 'RestError');
    assert.equal(error.statusCode, 404);
  });

  // --- recognize -----------------------------------------------------------------------------------------------

  const recognized = async (context, kind = 'RecognizeCompleted') => nextEvent(kind, id, byContext(context));

  await check('startRecognizing dtmf with a text prompt, max 3 tones: RecognizeCompleted 200/8531, dtmfResult',
    async () => {
      await media.startRecognizing(PHONE, { kind: 'callMediaRecognizeDtmfOptions', maxTonesToCollect: 3,
        playPrompt: text('Hi'), interruptPrompt: true, operationContext: 'dtmf-max' });
      await press(id, phoneRaw, '123');
      const completed = await recognized('dtmf-max');
      result(completed, 200, 8531);
      assert.equal(completed.recognitionType, 'dtmf', 'RecognizeCompleted.recognitionType');
      assert.deepEqual(completed.dtmfResult && completed.dtmfResult.tones, ['one', 'two', 'three'],
        'RecognizeCompleted.dtmfResult.tones');
    });

  await check('startRecognizing dtmf with a stop tone and playPrompts: RecognizeCompleted 200/8514', async () => {
    await media.startRecognizing(PHONE, { kind: 'callMediaRecognizeDtmfOptions', maxTonesToCollect: 8,
      stopDtmfTones: ['pound'], playPrompts: [text('Hi'), SSML], operationContext: 'dtmf-stop' });
    await press(id, phoneRaw, '45#');
    const completed = await recognized('dtmf-stop');
    result(completed, 200, 8514);
    assert.deepEqual(completed.dtmfResult.tones, ['four', 'five'], 'RecognizeCompleted.dtmfResult.tones');
  });

  await check('startRecognizing dtmf, keys then silence: RecognizeCompleted 200/8532 (inter-tone timeout)',
    async () => {
      await media.startRecognizing(PHONE, { kind: 'callMediaRecognizeDtmfOptions', maxTonesToCollect: 5,
        interToneTimeoutInSeconds: 1, operationContext: 'dtmf-inter-tone' });
      await press(id, phoneRaw, '12');
      const completed = await recognized('dtmf-inter-tone');
      result(completed, 200, 8532);
      assert.deepEqual(completed.dtmfResult.tones, ['one', 'two'], 'RecognizeCompleted.dtmfResult.tones');
    });

  await check('startRecognizing dtmf, silence: RecognizeFailed 400/8510 (initial silence timeout)', async () => {
    await media.startRecognizing(PHONE, { kind: 'callMediaRecognizeDtmfOptions', maxTonesToCollect: 1,
      initialSilenceTimeoutInSeconds: 1, operationContext: 'dtmf-silence' });
    result(await recognized('dtmf-silence', 'RecognizeFailed'), 400, 8510);
  });

  await check('startRecognizing with a prompt that cannot be downloaded (second): RecognizeFailed, index 1',
    async () => {
      await media.startRecognizing(PHONE, { kind: 'callMediaRecognizeDtmfOptions', maxTonesToCollect: 1,
        playPrompts: [FILE, MISSING_FILE], operationContext: 'dtmf-missing-prompt' });
      try {
        const recognizeFailed = await recognized('dtmf-missing-prompt', 'RecognizeFailed');
        result(recognizeFailed, 500, 8511);
        assert.equal(recognizeFailed.failedPlaySourceIndex, 1, 'RecognizeFailed.failedPlaySourceIndex');
      } finally {
        await media.cancelAllOperations(); // a recognize that listens on would refuse the next ones (8500)
      }
    });

  await check('startRecognizing choices, a key: RecognizeCompleted 200/8533, choiceResult.label', async () => {
    await media.startRecognizing(PHONE, { kind: 'callMediaRecognizeChoiceOptions', choices: CHOICES,
      playPrompt: FILE, interruptPrompt: true, operationContext: 'choice-key' });
    await press(id, phoneRaw, '2');
    const completed = await recognized('choice-key');
    result(completed, 200, 8533);
    assert.equal(completed.recognitionType, 'choices', 'RecognizeCompleted.recognitionType');
    assert.equal(completed.choiceResult && completed.choiceResult.label, 'Support', 'choiceResult.label');
  });

  await check('startRecognizing choices, a phrase: RecognizeCompleted 200/8545, label and recognizedPhrase',
    async () => {
      await media.startRecognizing(PHONE, { kind: 'callMediaRecognizeChoiceOptions', choices: CHOICES,
        playPrompt: text('Hi'), operationContext: 'choice-phrase' });
      await say(id, phoneRaw, 'buy something', 0.8);
      const completed = await recognized('choice-phrase');
      result(completed, 200, 8545);
      assert.equal(completed.choiceResult.label, 'Sales', 'choiceResult.label');
      assert.equal(completed.choiceResult.recognizedPhrase, 'buy something', 'choiceResult.recognizedPhrase');
      assert.equal(completed.choiceResult.confidence, 0.8, 'choiceResult.confidence');
    });

  await check('startRecognizing choices, a phrase that matches none: RecognizeFailed 400/8547', async () => {
    await media.startRecognizing(PHONE, { kind: 'callMediaRecognizeChoiceOptions', choices: CHOICES,
      operationContext: 'choice-none' });
    await say(id, phoneRaw, 'the weather');
    result(await recognized('choice-none', 'RecognizeFailed'), 400, 8547);
  });

  await check('startRecognizing choices, a key that matches none: RecognizeFailed 500/8534', async () => {
    await media.startRecognizing(PHONE, { kind: 'callMediaRecognizeChoiceOptions', choices: CHOICES,
      operationContext: 'choice-wrong-key' });
    await press(id, phoneRaw, '9');
    result(await recognized('choice-wrong-key', 'RecognizeFailed'), 500, 8534);
  });

  await check('startRecognizing speech with an SSML prompt: RecognizeCompleted 200/8569, speechResult.speech',
    async () => {
      await media.startRecognizing(PHONE, { kind: 'callMediaRecognizeSpeechOptions', endSilenceTimeoutInSeconds: 1,
        playPrompt: SSML, operationContext: 'speech' });
      await say(id, phoneRaw, 'I need to change my address', 0.9);
      const completed = await recognized('speech');
      result(completed, 200, 8569);
      assert.equal(completed.recognitionType, 'speech', 'RecognizeCompleted.recognitionType');
      assert.equal(completed.speechResult && completed.speechResult.speech, 'I need to change my address',
        'speechResult.speech');
      assert.equal(completed.speechResult.confidence, 0.9, 'speechResult.confidence');
    });

  await check('startRecognizing speech, mumbled: RecognizeFailed 400/8563', async () => {
    await media.startRecognizing(PHONE, { kind: 'callMediaRecognizeSpeechOptions', endSilenceTimeoutInSeconds: 1,
      operationContext: 'speech-mumbled' });
    await say(id, phoneRaw, 'mmm', 0.2);
    result(await recognized('speech-mumbled', 'RecognizeFailed'), 400, 8563);
  });

  await check('startRecognizing speechOrDtmf, keys: RecognizeCompleted 200/8531, dtmfResult', async () => {
    await media.startRecognizing(PHONE, { kind: 'callMediaRecognizeSpeechOrDtmfOptions', maxTonesToCollect: 2,
      endSilenceTimeoutInSeconds: 1, playPrompt: text('Hi'), operationContext: 'speech-or-dtmf-keys' });
    await press(id, phoneRaw, '78');
    const completed = await recognized('speech-or-dtmf-keys');
    result(completed, 200, 8531);
    assert.deepEqual(completed.dtmfResult.tones, ['seven', 'eight'], 'RecognizeCompleted.dtmfResult.tones');
  });

  await check('startRecognizing speechOrDtmf, words: RecognizeCompleted 200/8569, speechResult', async () => {
    await media.startRecognizing(PHONE, { kind: 'callMediaRecognizeSpeechOrDtmfOptions', maxTonesToCollect: 2,
      endSilenceTimeoutInSeconds: 1, operationContext: 'speech-or-dtmf-words' });
    await say(id, phoneRaw, 'agent');
    const completed = await recognized('speech-or-dtmf-words');
    result(completed, 200, 8569);
    assert.equal(completed.speechResult.speech, 'agent', 'speechResult.speech');
  });

  await check('startRecognizing with interruptCallMediaOperation during a looping play: PlayCanceled 400/8508',
    async () => {
      await media.playToAll([FILE], { loop: true, operationContext: 'loop-before-recognize' });
      await nextEvent('PlayStarted', id, byContext('loop-before-recognize'));
      await media.startRecognizing(PHONE, { kind: 'callMediaRecognizeDtmfOptions', maxTonesToCollect: 1,
        interruptCallMediaOperation: true, operationContext: 'recognize-interrupts' });
      result(await nextEvent('PlayCanceled', id, byContext('loop-before-recognize')), 400, 8508);
      await press(id, phoneRaw, '3');
      assert.deepEqual((await recognized('recognize-interrupts')).dtmfResult.tones, ['three'],
        'RecognizeCompleted.dtmfResult.tones');
    });

  await check('a second recognize on the same participant: 400/8500 as a RestError', async () => {
    await media.startRecognizing(PHONE, { kind: 'callMediaRecognizeDtmfOptions', maxTonesToCollect: 1,
      initialSilenceTimeoutInSeconds: 10, operationContext: 'first' });
    const error = await refusal(media.startRecognizing(PHONE, { kind: 'callMediaRecognizeDtmfOptions',
      maxTonesToCollect: 1, operationContext: 'second' }));
    assert.equal(error.name, 'RestError');
    assert.equal(error.statusCode, 400);
    assert.equal(error.code, '8500');
  });

  await check('cancelAllOperations during a recognize and a play: RecognizeCanceled 400/8508, PlayCanceled',
    async () => {
      await media.playToAll([FILE], { loop: true, operationContext: 'cancel-play' });
      await media.cancelAllOperations();
      result(await recognized('first', 'RecognizeCanceled'), 400, 8508);
      result(await nextEvent('PlayCanceled', id, byContext('cancel-play')), 400, 8508);
    });

  // --- continuous DTMF, send DTMF ------------------------------------------------------------------------------

  await check('startContinuousDtmfRecognition: a ContinuousDtmfRecognitionToneReceived a key, sequenceId rising',
    async () => {
      await media.startContinuousDtmfRecognition(PHONE, { operationContext: 'continuous' });
      await press(id, phoneRaw, '9*');
      const nine = await nextEvent('ContinuousDtmfRecognitionToneReceived', id, event => event.tone === 'nine');
      const star = await nextEvent('ContinuousDtmfRecognitionToneReceived', id, event => event.tone === 'asterisk');
      assert.equal(nine.operationContext, 'continuous', 'ToneReceived.operationContext');
      assert.equal(typeof nine.sequenceId, 'number', 'ToneReceived.sequenceId');
      assert.equal(star.sequenceId, nine.sequenceId + 1, 'ToneReceived.sequenceId of the second key');
      result(nine, 200, 0);
    });

  await check('stopContinuousDtmfRecognition: ContinuousDtmfRecognitionStopped, then no more tones', async () => {
    await media.stopContinuousDtmfRecognition(PHONE, { operationContext: 'continuous-stop' });
    const stopped = await nextEvent('ContinuousDtmfRecognitionStopped', id, byContext('continuous-stop'));
    result(stopped, 200, 0);
    await press(id, phoneRaw, '5');
    await sleep(300);
    assert.equal(events.filter(e => e.kind === 'ContinuousDtmfRecognitionToneReceived' && e.tone === 'five')
      .length, 0, 'a tone was reported after stopContinuousDtmfRecognition');
  });

  await check('sendDtmfTones to the phone participant: the operation context, SendDtmfTonesCompleted 200/0',
    async () => {
      const sent = await media.sendDtmfTones(['one', 'two', 'pound'], PHONE, { operationContext: 'send-tones' });
      assert.equal(sent.operationContext, 'send-tones', 'sendDtmfTones result operationContext');
      result(await nextEvent('SendDtmfTonesCompleted', id, byContext('send-tones')), 200, 0);
    });

  await check('sendDtmfTones to an ACS user: 400 as a RestError', async () => {
    const error = await refusal(media.sendDtmfTones(['one'], member));
    assert.equal(error.name, 'RestError');
    assert.equal(error.statusCode, 400);
  });

  // --- hold, mute ------------------------------------------------------------------------------------------------

  await check('hold with a play source: isOnHold, hold music; unhold', async () => {
    await media.hold(member, { playSource: FILE, operationContext: 'hold' });
    assert.equal((await call.getParticipant(member)).isOnHold, true, 'getParticipant.isOnHold after hold');
    await sleep(400);
    await media.unhold(member, { operationContext: 'unhold' });
    assert.equal((await call.getParticipant(member)).isOnHold, false, 'getParticipant.isOnHold after unhold');
    const read = await control('GET', `calls/${enc(id)}/media`);
    assert.deepEqual(read.holds.map(h => h.action), ['hold', 'unhold'], 'the media read\'s holds');
    const music = read.prompts.filter(p => p.purpose === 'holdMusic');
    assert.equal(music.length, 1, 'hold music in the media read');
    assert.equal(music[0].loop, true, 'hold music loops');
    assert.equal(music[0].outcome, 'canceled', 'hold music stops at unhold');
  });

  await check('hold with music that cannot be downloaded: HoldFailed 400/8536', async () => {
    await media.hold(member, { playSource: MISSING_FILE, operationContext: 'hold-missing' });
    result(await nextEvent('HoldFailed', id, byContext('hold-missing')), 400, 8536);
    await media.unhold(member);
  });

  await check('muteParticipant: the operation context, isMuted', async () => {
    const muted = await call.muteParticipant(member, { operationContext: 'mute' });
    assert.equal(muted.operationContext, 'mute', 'muteParticipant result operationContext');
    assert.equal((await call.getParticipant(member)).isMuted, true, 'getParticipant.isMuted');
  });

  await check('muteParticipant of a phone number: 400 as a RestError', async () => {
    const error = await refusal(call.muteParticipant(PHONE));
    assert.equal(error.name, 'RestError');
    assert.equal(error.statusCode, 400);
  });

  await check('the media read shows what the participants heard: file, text and SSML prompts', async () => {
    const read = await control('GET', `calls/${enc(id)}/media`);
    const kinds = new Set(read.prompts.flatMap(p => p.sources.map(s => s.kind)));
    assert.deepEqual([...kinds].sort(), ['FILE', 'SSML', 'TEXT'], 'the kinds of the sources played');
    assert.ok(read.prompts.some(p => p.purpose === 'recognize' && p.sources.length === 2),
      'the recognize with two playPrompts');
    assert.deepEqual(read.mutes.map(m => m.participant), [member.communicationUserId], 'the media read\'s mutes');
    assert.deepEqual(read.tones.map(t => [t.tones, t.outcome]), [['12#', 'completed']], 'the tones sent');
  });

  // --- recording -------------------------------------------------------------------------------------------------

  const recorder = client.getCallRecording();
  const stateChanged = (recordingId, state) => nextEvent('RecordingStateChanged', id,
    event => event.recordingId === recordingId && event.state === state);

  await check('callRecording start by server call locator (audio, mixed, wav), getState, pause, resume, stop',
    async () => {
      const started = await recorder.start({ callLocator: { kind: 'serverCallLocator', id: serverCallId },
        recordingContent: 'audio', recordingChannel: 'mixed', recordingFormat: 'wav' });
      assert.ok(started.recordingId, 'start: recordingId');
      assert.equal(started.recordingState, 'inactive', 'start: recordingState');
      assert.equal(started.recordingKind, 'azureCommunicationServices', 'start: recordingKind');
      const rid = started.recordingId;
      const active = await stateChanged(rid, 'active');
      assert.ok(active.startDateTime, 'RecordingStateChanged.startDateTime');
      assert.equal(active.recordingKind, 'azureCommunicationServices', 'RecordingStateChanged.recordingKind');
      assert.equal((await recorder.getState(rid)).recordingState, 'active', 'getState after start');
      const again = await refusal(recorder.start({ callConnectionId: id }));
      assert.equal(again.statusCode, 400, 'a second start while recording');
      assert.equal(again.code, '8553', 'a second start while recording');
      await recorder.pause(rid);
      await stateChanged(rid, 'inactive');
      assert.equal((await recorder.getState(rid)).recordingState, 'inactive', 'getState after pause');
      await recorder.resume(rid);
      await stateChanged(rid, 'active');
      await recorder.stop(rid);
      await stateChanged(rid, 'inactive');
      const gone = await refusal(recorder.getState(rid));
      assert.equal(gone.statusCode, 404, 'getState after stop');
    });

  await check('callRecording start by call connection id, pauseOnStart (audio, mixed, mp3): inactive, resume',
    async () => {
      const started = await recorder.start({ callConnectionId: id, recordingContent: 'audio',
        recordingChannel: 'mixed', recordingFormat: 'mp3', pauseOnStart: true });
      const rid = started.recordingId;
      await stateChanged(rid, 'inactive');
      assert.equal((await recorder.getState(rid)).recordingState, 'inactive', 'getState with pauseOnStart');
      await recorder.resume(rid);
      await stateChanged(rid, 'active');
      await recorder.stop(rid);
      await stateChanged(rid, 'inactive');
    });

  await check('callRecording start audio unmixed wav and audioVideo mixed mp4', async () => {
    for (const [content, channel, format] of [['audio', 'unmixed', 'wav'], ['audioVideo', 'mixed', 'mp4']]) {
      const started = await recorder.start({ callConnectionId: id, recordingContent: content,
        recordingChannel: channel, recordingFormat: format });
      await stateChanged(started.recordingId, 'active');
      await recorder.stop(started.recordingId);
      await stateChanged(started.recordingId, 'inactive');
    }
    const read = await control('GET', `calls/${enc(id)}/recordings`);
    assert.deepEqual(read.map(r => [r.locator, r.content, r.channel, r.format, r.pauseOnStart]), [
      ['serverCallLocator', 'audio', 'mixed', 'wav', false],
      ['callConnectionId', 'audio', 'mixed', 'mp3', true],
      ['callConnectionId', 'audio', 'unmixed', 'wav', false],
      ['callConnectionId', 'audioVideo', 'mixed', 'mp4', false],
    ], 'the recordings the emulator made');
  });

  await check('callRecording start audioVideo unmixed: 400 as a RestError', async () => {
    const error = await refusal(recorder.start({ callConnectionId: id, recordingContent: 'audioVideo',
      recordingChannel: 'unmixed', recordingFormat: 'mp4' }));
    assert.equal(error.name, 'RestError');
    assert.equal(error.statusCode, 400);
  });

  await check('a recording running when the call ends: RecordingStateChanged inactive, then CallDisconnected',
    async () => {
      const started = await recorder.start({ callConnectionId: id });
      await stateChanged(started.recordingId, 'active');
      await call.hangUp(true);
      const stoppedWithCall = await stateChanged(started.recordingId, 'inactive');
      result(stoppedWithCall, 200, 0);
      const disconnected = await nextEvent('CallDisconnected', id);
      assert.ok(events.indexOf(disconnected) > events.indexOf(stoppedWithCall),
        'CallDisconnected came before the recording stopped');
    });

  await check('a call that ends before its recording began: StartRecordingFailed', async () => {
    // The emulator begins a recording 20 ms after answering its start, less than a hang-up sent after that answer
    // takes: the hang-up goes out with the start, and must be carried out after it and within those 20 ms. A try
    // the timing misses (the start refused, or the recording began) is reported, and the next call tried.
    const outcomes = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const created = await client.createCall({ targetParticipant: user('js-recording-race') }, callbackUrl);
      const raceId = created.callConnectionProperties.callConnectionId;
      await nextEvent('CallConnected', raceId);
      const [start] = await Promise.allSettled([recorder.start({ callConnectionId: raceId }),
        sleep(2).then(() => created.callConnection.hangUp(true))]);
      await nextEvent('CallDisconnected', raceId);
      await sleep(50);
      const failedEvent = events.find(e => e.kind === 'StartRecordingFailed' && e.callConnectionId === raceId);
      if (failedEvent) {
        assert.equal(start.status, 'fulfilled', 'start of the recording that failed');
        assert.equal(failedEvent.recordingId, start.value.recordingId, 'StartRecordingFailed.recordingId');
        result(failedEvent, 400, 8501);
        report.startRecordingFailedTries = attempt + 1;
        return;
      }
      outcomes.push(start.status === 'rejected' ? 'start refused: ' + start.reason.message
        : events.filter(e => e.callConnectionId === raceId).map(e => e.kind).join(' '));
    }
    throw new Error('no StartRecordingFailed in 10 tries; the calls saw: ' + outcomes.join(' | '));
  });

  // --- the caller leaves ------------------------------------------------------------------------------------------

  await check('sendDtmfTones to a participant who leaves meanwhile: SendDtmfTonesFailed 400/8522', async () => {
    const leaver = { phoneNumber: '+14255550160' };
    const stayer = { phoneNumber: '+14255550161' };
    const created = await client.createGroupCall([leaver, stayer], callbackUrl, { sourceCallIdNumber: CALLER_ID });
    const groupId = created.callConnectionProperties.callConnectionId;
    await nextEvent('CallConnected', groupId);
    await nextEvent('ParticipantsUpdated', groupId, event => event.participants.length === 3);
    await created.callConnection.getCallMedia().sendDtmfTones(Array(18).fill('zero'), leaver,
      { operationContext: 'send-left' });
    await control('POST', `calls/${enc(groupId)}/participants/${enc('4:' + leaver.phoneNumber)}:hangUp`);
    result(await nextEvent('SendDtmfTonesFailed', groupId, byContext('send-left')), 400, 8522);
    await created.callConnection.hangUp(true);
    await nextEvent('CallDisconnected', groupId);
  });

  await check('a scripted caller hangs up during a recognize: ContinuousDtmfRecognitionToneFailed 400/8522',
    async () => {
      const caller = { phoneNumber: '+14255550170' };
      await control('PUT', 'callers', [{ identity: caller.phoneNumber, answers: ['hang up'], delay: 100 }]);
      try {
        const created = await client.createCall({ targetParticipant: caller, sourceCallIdNumber: CALLER_ID },
          callbackUrl, { callIntelligenceOptions: COGNITIVE_SERVICES });
        const callerId = created.callConnectionProperties.callConnectionId;
        await nextEvent('CallConnected', callerId);
        const callerMedia = created.callConnection.getCallMedia();
        await callerMedia.startContinuousDtmfRecognition(caller, { operationContext: 'continuous-left' });
        await callerMedia.startRecognizing(caller, { kind: 'callMediaRecognizeDtmfOptions', maxTonesToCollect: 4,
          playPrompt: text('Please enter your account number, then the pound key'), operationContext: 'hangs-up' });
        const toneFailed = await nextEvent('ContinuousDtmfRecognitionToneFailed', callerId,
          byContext('continuous-left'));
        result(toneFailed, 400, 8522);
        await nextEvent('CallDisconnected', callerId);
      } finally {
        await control('PUT', 'callers', []);
      }
    });

  return report;
};
