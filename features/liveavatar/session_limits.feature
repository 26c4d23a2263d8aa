@liveavatar
Feature: LiveAvatar session limits on the emulator clock
  max_session_duration (OAS), the 5-minute idle timeout (D-LITE; FG L141; DBG L69-76), the sandbox's minute that
  ends "treated as a maximum duration reached" (D-SBX) and the concurrency per key ("Trial tokens allow max 3
  concurrent sessions", third party). Timed behaviour runs on the emulator's clock, which the scenarios advance.

  @documented @emulator-only @endpoint:liveavatar.sessions.start @endpoint:liveavatar.sessions
  Scenario: A session ends at its max_session_duration
    OAS: max_session_duration (int seconds); /start returns it; the end reason is SessionEndReasonEnum's MAX_DURATION_REACHED.
    Given a LiveAvatar session token with body:
      """
      {"mode":"FULL","avatar_id":"dd73ea75-1218-4ef3-92ce-606d5f7fbc0a","avatar_persona":{"language":"en"},"max_session_duration":120}
      """
    When I call LiveAvatar POST "/v1/sessions/start" with the session token
    Then the response field "data.max_session_duration" is the number 120
    When the emulator clock advances by 121 seconds
    Then the LiveAvatar session is historic with end_reason "MAX_DURATION_REACHED"

  @documented @emulator-only @endpoint:liveavatar.sessions
  Scenario: A session idle for 5 minutes ends as IDLE_TIMEOUT
    D-LITE, FG L141: sessions end after 5 minutes without activity or keep-alive.
    Given a started LiveAvatar FULL session
    When the emulator clock advances by 299 seconds
    Then the LiveAvatar session is active
    When the emulator clock advances by 2 seconds
    Then the LiveAvatar session is historic with end_reason "IDLE_TIMEOUT"

  @documented @emulator-only @endpoint:liveavatar.sessions.keep-alive
  Scenario: keep-alive starts the idle timer again
    FG L141, DBG L73-74: keep the session alive every 2-3 minutes. Whether keep-alive also extends
    max_session_duration is open (§9.12); the emulator's keep-alive only resets the idle timer.
    Given a started LiveAvatar FULL session
    And the emulator clock has advanced by 200 seconds
    When the LiveAvatar session is kept alive
    And the emulator clock advances by 200 seconds
    Then the LiveAvatar session is active

  @documented @emulator-only @endpoint:liveavatar.sessions.start @endpoint:liveavatar.sessions
  Scenario: A sandbox session ends after a minute as MAX_DURATION_REACHED
    D-SBX: sandbox (is_sandbox, Wayne only) ends after about a minute, "treated as a maximum duration reached"; the
    emulator's minute is Emulator:LiveAvatar:SandboxSessionSeconds (60).
    Given a LiveAvatar session token with body:
      """
      {"mode":"FULL","avatar_id":"dd73ea75-1218-4ef3-92ce-606d5f7fbc0a","avatar_persona":{"language":"en"},"is_sandbox":true}
      """
    When I call LiveAvatar POST "/v1/sessions/start" with the session token
    Then the response field "data.max_session_duration" is the number 60
    When the emulator clock advances by 61 seconds
    Then the LiveAvatar session is historic with end_reason "MAX_DURATION_REACHED"
    When I call LiveAvatar GET "/v1/sessions/{la_session_id}"
    Then the response field "data.is_sandbox" is true

  @assumed @endpoint:liveavatar.sessions.token
  Scenario: A fourth concurrent session is refused
    Third party: "Trial tokens allow max 3 concurrent sessions" (unverified). The emulator counts the key's open
    sessions (Emulator:LiveAvatar:ConcurrentSessions) and answers 429 4029, a code of its own.
    Given 3 started LiveAvatar FULL sessions
    When I call LiveAvatar POST "/v1/sessions/token" with body:
      """
      {"mode":"FULL","avatar_id":"dd73ea75-1218-4ef3-92ce-606d5f7fbc0a","avatar_persona":{"language":"en"}}
      """
    Then the response is LiveAvatar error 429 4029 "Concurrent session limit reached"
    When the LiveAvatar session is stopped
    And I call LiveAvatar POST "/v1/sessions/token" with body:
      """
      {"mode":"FULL","avatar_id":"dd73ea75-1218-4ef3-92ce-606d5f7fbc0a","avatar_persona":{"language":"en"}}
      """
    Then the response status is 200
