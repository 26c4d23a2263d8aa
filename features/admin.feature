@emulator-only
@endpoint:admin
Feature: The emulator's admin API
  Health, reset, clock, journal and sessions under /_emulator; the OpenAPI document and its UI; the version header.

  @assumed
  Scenario: Health answers with the version
    When I call the admin API GET "/_emulator/health"
    Then the response status is 200
    And the response field "status" is "ok"
    And the response field "version" matches "^[0-9]+\.[0-9]+\.[0-9]+$"

  @assumed @endpoint:streaming.list
  Scenario: Every response carries the emulator version header
    When I GET "/v1/streaming.list"
    Then the response header "X-HeyGen-Emulator-Version" is present

  @assumed @endpoint:streaming.task
  Scenario: The journal records each call with its status, session and bodies, secrets masked
    Given a started session
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","text":"journal me"}
      """
    Then the journal's last "streaming.task" call has status 200
    And the journal's last "streaming.task" call has field "session_id" matching "^{session_id}$"
    And the journal's last "streaming.task" call has field "request.text" matching "^journal me$"
    And the journal's last "streaming.new" call has field "response.data.access_token" matching "^eyJh…\([0-9]+\)$"
    And the journal's last "streaming.create_token" call has field "api_key" matching "^kit-…\([0-9]+\)$"
    And the journal contains no full API key or token

  @assumed @endpoint:streaming.new
  Scenario: The journal records failed calls with HeyGen's body
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"73c84e2b886940099c5793b085150f2f"}
      """
    Then the journal's last "streaming.new" call has status 400
    And the journal's last "streaming.new" call recorded the response body:
      """
      {"code":10003,"message":"avatar version is deprecated, please update to v3+","details":"invalid avatar"}
      """

  @assumed
  Scenario: Reset clears sessions, tokens and the clock
    Given a started session
    And the emulator clock has advanced by 30 seconds
    When I call the admin API POST "/_emulator/reset"
    And I call the admin API GET "/_emulator/sessions"
    Then the response field "" has 0 items
    When I call the admin API GET "/_emulator/clock"
    Then the response field "offset_seconds" is "0"

  @assumed
  Scenario: Advancing the clock reports the sessions it closed
    Given a started session
    When I call the admin API POST "/_emulator/clock/advance" with body:
      """
      {"seconds":121}
      """
    Then the response field "closed_sessions[0].session_id" is "{session_id}"
    And the response field "closed_sessions[0].reason" is "idle_timeout"

  @assumed
  Scenario: The clock refuses to go backwards
    When I call the admin API POST "/_emulator/clock/advance" with body:
      """
      {"seconds":-5}
      """
    Then the response is HeyGen error 400 400175 "Invalid parameter: seconds must be between 0 and 315360000 (got -5)"

  @assumed
  Scenario: The OpenAPI document covers HeyGen's surface and the admin API
    When I call the admin API GET "/openapi/v1.json"
    Then the response status is 200
    And the response field "paths['/v1/streaming.new'].post.operationId" is "NewSession"
    And the response field "paths['/_emulator/faults'].post.operationId" is "AddFault"

  @assumed
  Scenario: The API docs page loads
    When I call the admin API GET "/docs/index.html"
    Then the response status is 200

  @assumed
  Scenario: A page on another site gets no CORS grant for the admin API
    When a browser at "https://evil.example" sends a CORS preflight for POST "/_emulator/reset"
    Then the response header "Access-Control-Allow-Origin" is absent

  @assumed
  Scenario: A request under a foreign Host name is refused (DNS rebinding)
    When I send POST "/_emulator/reset" with header "Host" set to "evil.example"
    Then the response is HeyGen error 403 40003 starting with "Host 'evil.example' is not allowed"

  @assumed
  Scenario: The dashboard page loads from the emulator itself
    When I call the admin API GET "/_emulator/ui"
    Then the response status is 200
    And the response header "Referrer-Policy" is "no-referrer"

  @assumed @endpoint:streaming.task
  Scenario: A session's preview shows the talking frame while it speaks, then the idle frame
    Given a started session
    When I call the admin API GET "/_emulator/sessions/{session_id}/preview.png"
    Then the response status is 200
    And the response header "X-Emulator-Preview" is "idle"
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","text":"One two three four five six seven eight nine ten.","task_mode":"async"}
      """
    And I call the admin API GET "/_emulator/sessions/{session_id}/preview.png"
    Then the response header "X-Emulator-Preview" is "talking"
    When I call the admin API GET "/_emulator/sessions"
    Then the response field "[0].tasks[0].state" is "playing"
    When the emulator clock advances by 10 seconds
    And I call the admin API GET "/_emulator/sessions/{session_id}/preview.png"
    Then the response header "X-Emulator-Preview" is "idle"
