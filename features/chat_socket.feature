@emulator-only
Feature: HeyGen's chat socket: user_silence
  The SDK (≥ 2.0.14) opens /v1/ws/streaming.chat with silence_response=<useSilencePrompt>, and HeyGen may send
  {"event_type":"user_silence","silence_times":<int>,"count_down":<int>} on it (heygen-wire.md §7.2, §7.3, SDK-SRC
  StreamingWebSocketEventTypes). When it does so is not documented. The emulator's choice: with
  silence_response=true, after 15 seconds of a quiet conversation (the user not speaking, the avatar not talking)
  one user_silence, then one more per further 15 quiet seconds, at most 3 in a row; silence_times counts them and
  count_down says how many may still follow. The user's speech or text starts the count again. The period and the
  limit are settings (Emulator:LiveKit:SilencePromptSeconds, SilencePromptMax). The emulator's clock is advanced
  through the admin API, so nothing sleeps.

  @assumed @endpoint:streaming.chat
  Scenario: After 15 quiet seconds the socket gets user_silence
    Given a started session
    And I open the chat socket with "silence_response=true&arch_version=v2&push_to_talk=false"
    # 10 s, not 14: the emulator's clock also runs in real time, and a loaded CI machine took over a second between steps.
    When the emulator clock advances by 10 seconds
    Then the chat socket has received nothing more
    When the emulator clock advances by 5 seconds
    Then the chat socket receives:
      """
      {"event_type":"user_silence","silence_times":1,"count_down":2}
      """

  @assumed @endpoint:streaming.chat
  Scenario: At most three user_silence events in a row
    Given a started session
    And I open the chat socket with "silence_response=true"
    When the emulator clock advances by 15 seconds
    Then the chat socket receives:
      """
      {"event_type":"user_silence","silence_times":1,"count_down":2}
      """
    When the emulator clock advances by 15 seconds
    Then the chat socket receives:
      """
      {"event_type":"user_silence","silence_times":2,"count_down":1}
      """
    When the emulator clock advances by 15 seconds
    Then the chat socket receives:
      """
      {"event_type":"user_silence","silence_times":3,"count_down":0}
      """
    When the emulator clock advances by 30 seconds
    Then the chat socket has received nothing more

  @assumed @endpoint:streaming.task @endpoint:streaming.chat
  Scenario: The avatar talking is not a silence: the quiet is counted from the end of its speech
    Given a started session
    And I open the chat socket with "silence_response=true"
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","text":"Hello there, nice to meet you.","task_type":"repeat","task_mode":"async"}
      """
    And the emulator clock advances by 15 seconds
    Then the chat socket has received nothing more
    When the emulator clock advances by 15 seconds
    Then the chat socket receives:
      """
      {"event_type":"user_silence","silence_times":1,"count_down":2}
      """

  @assumed @endpoint:streaming.chat
  Scenario: Without silence_response the socket stays quiet
    Given a started session
    And I open the chat socket with "silence_response=false"
    When the emulator clock advances by 60 seconds
    Then the chat socket has received nothing more
