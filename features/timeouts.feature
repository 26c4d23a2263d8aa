@emulator-only
Feature: Idle timeout and duration limit
  A session closes after activity_idle_timeout seconds without activity (default 120, 30–3600; tasks, keep_alive
  and listening calls count as activity) and after session_duration_limit (600 s). The emulator's clock is advanced
  through the admin API, so nothing sleeps. Sources: heygen-wire.md §4.2, §6 (DOC-NEWSESSION, DOC-SESSMGMT, GH-SDK26).

  @documented @endpoint:streaming.start
  Scenario: An idle session closes after the default 120 seconds
    Given a started session
    When the emulator clock advances by 119 seconds
    Then the session state is "connected"
    When the emulator clock advances by 1 seconds
    Then the session state is "closed"

  @documented @endpoint:streaming.task
  Scenario: After the idle timeout, calls answer "Session state wrong: closed"
    Given a started session
    And the emulator clock has advanced by 180 seconds
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","text":"are you there?"}
      """
    Then the response is HeyGen error 400 10005 "Session state wrong: closed"

  @documented @endpoint:streaming.start
  Scenario: activity_idle_timeout sets the idle timeout
    Given a started session with body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","version":"v2","activity_idle_timeout":30}
      """
    When the emulator clock advances by 29 seconds
    Then the session state is "connected"
    When the emulator clock advances by 1 seconds
    Then the session state is "closed"

  @documented @endpoint:streaming.keep_alive
  Scenario: keep_alive resets the idle timer
    Given a started session
    And the emulator clock has advanced by 100 seconds
    When I POST "/v1/streaming.keep_alive" with body:
      """
      {"session_id":"{session_id}"}
      """
    And the emulator clock advances by 100 seconds
    Then the session state is "connected"

  @documented @endpoint:streaming.task
  Scenario: A task resets the idle timer, counted from the end of its speech
    Given a started session
    And the emulator clock has advanced by 100 seconds
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","text":"Still here.","task_type":"repeat"}
      """
    And the emulator clock advances by 110 seconds
    Then the session state is "connected"

  @documented @endpoint:streaming.start
  Scenario: disable_idle_timeout keeps an idle session open until the duration limit
    Given a started session with body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","version":"v2","disable_idle_timeout":true}
      """
    When the emulator clock advances by 599 seconds
    Then the session state is "connected"
    When the emulator clock advances by 1 seconds
    Then the session state is "closed"

  @assumed @endpoint:streaming.keep_alive
  Scenario: The duration limit closes a busy session at 600 seconds after streaming.new
    Given a started session
    When the emulator clock advances by 100 seconds
    And I POST "/v1/streaming.keep_alive" with body:
      """
      {"session_id":"{session_id}"}
      """
    And the emulator clock advances by 100 seconds
    And I POST "/v1/streaming.keep_alive" with body:
      """
      {"session_id":"{session_id}"}
      """
    And the emulator clock advances by 100 seconds
    And I POST "/v1/streaming.keep_alive" with body:
      """
      {"session_id":"{session_id}"}
      """
    And the emulator clock advances by 100 seconds
    And I POST "/v1/streaming.keep_alive" with body:
      """
      {"session_id":"{session_id}"}
      """
    And the emulator clock advances by 100 seconds
    And I POST "/v1/streaming.keep_alive" with body:
      """
      {"session_id":"{session_id}"}
      """
    And the emulator clock advances by 100 seconds
    Then the session state is "closed"

  @assumed @endpoint:streaming.new
  Scenario: A session that is never started also times out
    Given a new session
    When the emulator clock advances by 120 seconds
    Then the session state is "closed"
