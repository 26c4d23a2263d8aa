@emulator-only
Feature: Voice chat: the user's turn and the avatar's answer
  In HeyGen's voice chat the user speaks, HeyGen's voice detection and speech recognition hear it, and the avatar
  answers through its LLM. The SDK shows the turn as events: user_start and user_stop arrive on the chat socket
  /v1/ws/streaming.chat as {"event_type":…} (SDK-SRC StreamingWebSocketEventTypes; heygen-wire.md §7.3), the
  words as {"type":"user_talking_message","task_id","message"} chunks and {"type":"user_end_message","task_id"}
  on LiveKit data like the avatar's own events (SDK-SRC UserTalkingMessageEvent, UserTalkingEndEvent; HeyGen's
  Next.js demo joins the chunks into one message, components/logic/context.tsx). Offline there is no recogniser to
  rely on, so the words come from a source the test controls: a transcript queued through the admin API
  (POST /_emulator/sessions/{id}/transcripts), else the recogniser command the user configured
  (Emulator:Speech:RecognizerCommand), else the placeholder "(speech, <seconds> s)". POST
  /_emulator/sessions/{id}/user_turn plays a whole turn with no audio. The answer is the emulator's deterministic
  talk reply "You said: <words>", a talk task whose id is the turn's task_id. The emulator's choices, each @assumed:
  one user_talking_message per word (as the avatar's are sent), the reply's task id shared with the turn, the
  placeholder, and barge-in (below). The emulator sends the words, then user_stop; as they travel on two transports
  (LiveKit data, the chat socket), a client may see user_stop before or after user_end_message, and must not rely on
  either order. In push-to-talk mode only start/stop_listening bound utterances; speech outside a window starts none.
  Microphone audio itself is exercised by the SDK tests in Chromium with a fake
  microphone playing espeak-ng speech (tests/HeyGenEmulator.Sdk.Tests/SdkVoiceChatTests.cs).

  @documented @endpoint:admin @endpoint:streaming.chat
  Scenario: A user turn reaches the chat socket as user_start then user_stop
    Given a started session
    And I open the chat socket with "arch_version=v2&silence_response=false&push_to_talk=false"
    When the user says "hello there"
    Then the chat socket receives:
      """
      {"event_type":"user_start"}
      """
    And the chat socket receives:
      """
      {"event_type":"user_stop"}
      """
    And the turn's answer is "You said: hello there"

  # The admin queue is the emulator's own way to script what a user says; the order is first in, first out.
  @assumed @endpoint:admin
  Scenario: Queued transcripts are what the next utterances said, in order, then the placeholder names the length
    Given a started session
    And the user will say "first question"
    And the user will say "second question"
    When the user speaks
    Then the turn's transcript is "first question"
    When the user speaks
    Then the turn's transcript is "second question"
    When the user speaks
    Then the turn's transcript is "(speech, 0.5 s)"
    And the turn's answer is "You said: (speech, 0.5 s)"

  @assumed @endpoint:admin
  Scenario: Transcripts are checked like task text and the queue is bounded
    Given a started session
    When I call the admin API POST "/_emulator/sessions/{session_id}/transcripts" with body:
      """
      {"text":""}
      """
    Then the response status is 400
    And the response body is:
      """
      {"code":40001,"message":"Missing required input parameters: text"}
      """
    When I call the admin API POST "/_emulator/sessions/no-such-session/user_turn" with body:
      """
      {"text":"hello"}
      """
    Then the response status is 404
    And the response body is:
      """
      {"code":10006,"message":"Session not found"}
      """

  @documented @sdk @sdk-events @endpoint:admin @endpoint:livekit.rtc
  Scenario: The SDK shows the user's words, then the avatar's answer with the turn's task id
    Given the SDK has started an avatar session
    And the SDK has emitted "stream_ready"
    When the user says "what is the weather like today"
    Then the SDK emits the user's words "what is the weather like today" and user_end_message
    And the SDK emits the avatar's answer "You said: what is the weather like today"

  # Barge-in: HeyGen does not document the rule. Users report user_start firing while the avatar speaks and ask how
  # to stop it (HeyGen forum discussion 673ef756224f03001a9551f4, "Controlling the StreamingEvents"), so voice chat
  # keeps listening over the avatar; LiveAvatar's FULL mode, HeyGen's successor, documents interrupting the avatar
  # (avatar.interrupt, docs.liveavatar.com full-mode events). The emulator's rule: the user starting to speak while
  # the avatar talks (or while its answer is being prepared) interrupts it, as streaming.interrupt does.
  @assumed @sdk @sdk-events @endpoint:admin @endpoint:streaming.task @endpoint:livekit.rtc
  Scenario: The user speaking over the talking avatar interrupts it before the user's words arrive
    Given the SDK has started an avatar session
    And the SDK has emitted "stream_ready"
    When the SDK speaks "This is a long answer that the avatar is still giving when the user starts to speak over it, and it goes on for quite a while longer." as a "repeat" task
    Then the SDK emits "avatar_start_talking"
    When the user says "wait a moment"
    Then the SDK emits avatar_stop_talking for the spoken task before the user's words
    And the SDK emits the avatar's answer "You said: wait a moment"
