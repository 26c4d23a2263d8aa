@emulator-only
Feature: HeyGen's realtime socket at realtime_endpoint
  streaming.new (version v2) returns realtime_endpoint = ws(s)://<host>/v2-alpha/interactive-avatar/session/<session_id>
  (HeyGen's "(Alpha) Interactive Avatar Realtime API" page, D-RT). Agent frameworks (pipecat's HeyGenVideoService)
  start the session, open that URL with no credentials, then stream their own TTS audio on it as JSON text frames:
  agent.speak (base64 PCM s16le, 24 kHz, mono), agent.speak_end, agent.interrupt, agent.start_listening /
  stop_listening, session.keep_alive (LiveAvatar LITE's set, D-LITE); HeyGen's alpha docs name agent.audio_buffer_append
  / _commit / _clear instead (D-RT). The emulator serves both. The audio becomes the avatar's LiveKit audio track; the
  events below are timed from the PCM's length on the emulator's clock, which the scenarios advance instead of
  waiting. Every frame the server sends is a JSON object (pipecat's receive loop dies on anything else). Choices
  where HeyGen's pages are silent are marked @assumed with the evidence (heygen-realtime.md).

  @assumed @endpoint:realtime @endpoint:streaming.new
  Scenario: Opening the socket reports connecting, then connected
    D-LITE documents session.state_updated with connecting/connected for LITE; for Interactive Avatar nothing is
    documented, and pipecat only logs it. Commands are never dropped for lack of readiness.
    Given a started session with body:
      """
      {"version":"v2","quality":"low"}
      """
    When I open the realtime socket
    Then the realtime socket receives an event with:
      """
      {"type":"session.state_updated","state":"connecting"}
      """
    And the realtime socket receives an event with:
      """
      {"type":"session.state_updated","state":"connected"}
      """

  @documented @endpoint:realtime
  Scenario: Speech in agent.speak chunks is one utterance: speak_started at once, speak_ended once its audio has played
    D-LITE: agent.speak appends to the playback buffer and rendering starts without waiting for speak_end;
    agent.speak_started's event_id "matches the triggering agent.speak command"; agent.speak_ended "always follows an
    agent.speak_started". The chunks' task id (task.id) is the emulator's.
    Given a started session with body:
      """
      {"version":"v2","quality":"low"}
      """
    And I open the realtime socket
    And the realtime socket receives an event with:
      """
      {"state":"connecting"}
      """
    And the realtime socket receives an event with:
      """
      {"state":"connected"}
      """
    When I send 0.4 s of audio as "agent.speak" with event_id "812"
    And I send 1 s of audio as "agent.speak" with event_id "812"
    And I send on the realtime socket:
      """
      {"type":"agent.speak_end","event_id":"812"}
      """
    Then the realtime socket receives an event with:
      """
      {"type":"agent.speak_started","event_id":"812","source_event_id":"812"}
      """
    And the realtime socket has received nothing more
    When the emulator clock advances by 2 seconds
    Then the realtime socket receives an event with:
      """
      {"type":"agent.speak_ended","event_id":"812","source_event_id":"812"}
      """

  @assumed @endpoint:realtime
  Scenario: audio_buffer_append is held until audio_buffer_commit, which plays it as one utterance
    D-RT documents the commands ("Appends audio data to the avatar's buffer", "Commits buffered audio for immediate
    processing"); that the uncommitted audio waits, and the speak events for it, are the emulator's reading.
    HeyGen's own demo commits with audio "AA==" (one zero byte): an odd byte is dropped.
    Given a started session with body:
      """
      {"version":"v2","quality":"low"}
      """
    And I open the realtime socket
    And the realtime socket receives an event with:
      """
      {"state":"connecting"}
      """
    And the realtime socket receives an event with:
      """
      {"state":"connected"}
      """
    When I send 0.5 s of audio as "agent.audio_buffer_append" with event_id "a-1"
    Then the realtime socket has received nothing more
    When I send on the realtime socket:
      """
      {"type":"agent.audio_buffer_commit","event_id":"c-1","audio":"AA=="}
      """
    Then the realtime socket receives an event with:
      """
      {"type":"agent.speak_started","event_id":"a-1"}
      """
    When the emulator clock advances by 1 seconds
    Then the realtime socket receives an event with:
      """
      {"type":"agent.speak_ended","event_id":"a-1"}
      """

  @assumed @endpoint:realtime
  Scenario: agent.interrupt stops the utterance at once: speak_interrupted, and no speak_ended follows
    D-RT: interrupt "stops the avatar's current task and resets it to an idle animation". The
    agent.speak_interrupted event is what LiveKit's LiveAvatar plugin listens for (LKA).
    Given a started session with body:
      """
      {"version":"v2","quality":"low"}
      """
    And I open the realtime socket
    And the realtime socket receives an event with:
      """
      {"state":"connecting"}
      """
    And the realtime socket receives an event with:
      """
      {"state":"connected"}
      """
    When I send 2 s of audio as "agent.speak" with event_id "900"
    Then the realtime socket receives an event with:
      """
      {"type":"agent.speak_started","event_id":"900"}
      """
    When I send on the realtime socket:
      """
      {"type":"agent.interrupt","event_id":"900"}
      """
    Then the realtime socket receives an event with:
      """
      {"type":"agent.speak_interrupted","event_id":"900"}
      """
    When the emulator clock advances by 3 seconds
    Then the realtime socket has received nothing more

  @assumed @endpoint:realtime
  Scenario: What pipecat sends while the avatar is idle is accepted without an error
    pipecat sends agent.interrupt on every user turn, with "event_id": null when nothing plays, then
    start_listening; speak_end may come with nothing buffered (heygen-realtime.md §3, "Tolerance").
    Given a started session with body:
      """
      {"version":"v2","quality":"low"}
      """
    And I open the realtime socket
    And the realtime socket receives an event with:
      """
      {"state":"connecting"}
      """
    And the realtime socket receives an event with:
      """
      {"state":"connected"}
      """
    When I send on the realtime socket:
      """
      {"type":"agent.interrupt","event_id":null}
      """
    And I send on the realtime socket:
      """
      {"type":"agent.start_listening","event_id":"6f1c2a52-8d5e-4d8b-9a57-3c1e7b0c2f11"}
      """
    And I send on the realtime socket:
      """
      {"type":"agent.speak_end","event_id":"nothing-buffered"}
      """
    Then the realtime socket has received nothing more

  @assumed @endpoint:realtime
  Scenario: A message that is not a known JSON command gets an error event and the socket stays open
    The error shape {type:"error", error:{type:"invalid_request_error", message, event_id}} is from third-party
    clients' schemas (heygen-realtime.md §4); the messages are the emulator's.
    Given a started session with body:
      """
      {"version":"v2","quality":"low"}
      """
    And I open the realtime socket
    And the realtime socket receives an event with:
      """
      {"state":"connecting"}
      """
    And the realtime socket receives an event with:
      """
      {"state":"connected"}
      """
    When I send the realtime socket the text "not json"
    Then the realtime socket receives an event with:
      """
      {"type":"error","error":{"type":"invalid_request_error","event_id":null}}
      """
    When I send on the realtime socket:
      """
      {"type":"agent.speak","audio":"%%%","event_id":"e-1"}
      """
    Then the realtime socket receives an event with:
      """
      {"type":"error","error":{"type":"invalid_request_error","message":"Invalid parameter: audio is not valid base64","event_id":"e-1"}}
      """
    When I send on the realtime socket:
      """
      {"type":"agent.dance","event_id":"e-2"}
      """
    Then the realtime socket receives an event with:
      """
      {"type":"error","error":{"type":"invalid_request_error","message":"Invalid parameter: unknown message type 'agent.dance'","event_id":"e-2"}}
      """
    When I send 0.2 s of audio as "agent.speak" with event_id "after"
    Then the realtime socket receives an event with:
      """
      {"type":"agent.speak_started","event_id":"after"}
      """

  @assumed @endpoint:realtime
  Scenario: An unknown session id is refused with 404 before the upgrade
    The session id in the path is the only credential (no client sends any other); what HeyGen answers for a wrong
    one is not documented.
    Given a started session with body:
      """
      {"version":"v2","quality":"low"}
      """
    When I open the realtime socket of session "no-such-session"
    Then the upgrade is refused with status 404

  @assumed @endpoint:realtime @endpoint:streaming.new
  Scenario: A v1 session's realtime_endpoint is refused with 400 before the upgrade
    streaming.new returns realtime_endpoint for every version, but the realtime socket drives the LiveKit (v2) avatar:
    a v1 session has no LiveKit room for the audio to go to. HeyGen's answer is not documented.
    Given a new session with body:
      """
      {"version":"v1","quality":"low"}
      """
    When I open the realtime socket of session "{session_id}"
    Then the upgrade is refused with status 400

  @assumed @endpoint:realtime @endpoint:streaming.stop
  Scenario: When the session ends the socket says closed, then closes with 1000
    D-LITE-LC: at the session's end "the WebSocket connection closes"; the close code is not documented, and pipecat
    treats 1000 as a normal end.
    Given a started session with body:
      """
      {"version":"v2","quality":"low"}
      """
    And I open the realtime socket
    And the realtime socket receives an event with:
      """
      {"state":"connecting"}
      """
    And the realtime socket receives an event with:
      """
      {"state":"connected"}
      """
    When I POST "/v1/streaming.stop" with body:
      """
      {"session_id":"{session_id}"}
      """
    Then the realtime socket receives an event with:
      """
      {"type":"session.state_updated","state":"closed"}
      """
    And the realtime socket is closed with code 1000

  @documented @endpoint:realtime
  Scenario: session.keep_alive keeps an idle session open past its idle timeout
    D-LITE: session.keep_alive "keeps the session alive beyond the idle timeout"; pipecat sends it every 150 s.
    Here the idle timeout is activity_idle_timeout (30 s).
    Given a started session with body:
      """
      {"version":"v2","quality":"low","activity_idle_timeout":30}
      """
    And I open the realtime socket
    And the realtime socket receives an event with:
      """
      {"state":"connecting"}
      """
    And the realtime socket receives an event with:
      """
      {"state":"connected"}
      """
    When the emulator clock advances by 20 seconds
    And I send on the realtime socket:
      """
      {"type":"session.keep_alive","event_id":"k-1"}
      """
    Then the realtime socket has received nothing more
    When the emulator clock advances by 20 seconds
    Then the session state is "connected"
    When the emulator clock advances by 11 seconds
    Then the realtime socket receives an event with:
      """
      {"type":"session.state_updated","state":"closed"}
      """
    And the realtime socket is closed with code 1000
