@liveavatar @emulator-only
Feature: LiveAvatar LITE socket at ws_url
  A LITE session's /start returns ws_url; the SDK (and backend agents) open it verbatim with no header (SDK L943-946,
  L1170-1179), then send agent.speak (base64 PCM s16le, 24 kHz, mono; one event_id per utterance), agent.speak_end,
  agent.interrupt, listening and session.keep_alive as JSON text; the server sends session.state_updated and
  agent.speak_started / agent.speak_ended with the utterance's event_id (D-LITE; LG L82-103). The emulator serves it
  with the implementation of HeyGen's realtime socket; the speech's events run on the emulator clock.

  @documented @endpoint:liveavatar.sessions.id.ws
  Scenario: The socket reports connecting, then connected
    D-LITE: {"type":"session.state_updated","state":"connecting"|"connected"|…}; commands before connected are dropped,
    so it is sent at once on open.
    Given a started LiveAvatar LITE session
    When I open the LITE socket
    Then the LITE socket receives an event with:
      """
      {"type":"session.state_updated","state":"connecting"}
      """
    And the LITE socket receives an event with:
      """
      {"type":"session.state_updated","state":"connected"}
      """

  @documented @endpoint:liveavatar.sessions.id.ws
  Scenario: Audio sent as the SDK sends it gives speak_started, then speak_ended once played
    SDK repeatAudio (L790-812): pieces of 300 ms then 750 ms, one event_id, then agent.speak_end; D-LITE:
    agent.speak_started then agent.speak_ended with the command's event_id.
    Given a started LiveAvatar LITE session
    And I open the LITE socket
    And the LITE socket is connected
    When I speak 1.5 s of audio over the LITE socket with event_id "utt-1"
    Then the LITE socket receives an event with:
      """
      {"type":"agent.speak_started","event_id":"utt-1"}
      """
    When the emulator clock advances by 3 seconds
    Then the LITE socket receives an event with:
      """
      {"type":"agent.speak_ended","event_id":"utt-1"}
      """

  @assumed @endpoint:liveavatar.sessions.id.ws
  Scenario: An interrupt cuts the utterance short
    D-LITE documents agent.interrupt; what it sends back is not documented. Clients handle agent.speak_interrupted
    (LKA L338-339), which the emulator sends with the utterance's event_id, at once.
    Given a started LiveAvatar LITE session
    And I open the LITE socket
    And the LITE socket is connected
    When I speak 5 s of audio over the LITE socket with event_id "long-1"
    Then the LITE socket receives an event with:
      """
      {"type":"agent.speak_started","event_id":"long-1"}
      """
    When I interrupt over the LITE socket
    Then the LITE socket receives an event with:
      """
      {"type":"agent.speak_interrupted","event_id":"long-1"}
      """

  @assumed @endpoint:liveavatar.sessions.id.ws
  Scenario: The socket closes when the session stops
    LKA reads a sandbox close as the end of the session (avatar.py L322-326); the emulator closes with 1000 after
    session.state_updated closing/closed.
    Given a started LiveAvatar LITE session
    And I open the LITE socket
    And the LITE socket is connected
    When the LiveAvatar session is stopped
    Then the LITE socket is closed with code 1000

  @assumed @endpoint:liveavatar.sessions.id.ws
  Scenario: A FULL session has no socket
    OAS: ws_url is "Custom Mode only"; FULL commands go over LiveKit data (agent-control). The emulator refuses the
    upgrade with 400.
    Given a started LiveAvatar FULL session
    When I open the LiveAvatar socket path "/v1/sessions/{la_session_id}/ws"
    Then the LiveAvatar socket upgrade is refused with status 400

  @assumed @endpoint:liveavatar.sessions.id.ws
  Scenario: A LITE session not started yet has no socket
    The emulator's choice: ws_url comes from /start, so before it the upgrade is refused with 400.
    Given a LiveAvatar LITE session token
    When I open the LiveAvatar socket path "/v1/sessions/{la_session_id}/ws"
    Then the LiveAvatar socket upgrade is refused with status 400

  @assumed @endpoint:liveavatar.sessions.id.ws
  Scenario: An unknown session's socket is 404
    The emulator's choice, as for HeyGen's realtime socket.
    When I open the LiveAvatar socket path "/v1/sessions/00000000-0000-4000-8000-000000000000/ws"
    Then the LiveAvatar socket upgrade is refused with status 404
