@liveavatar
Feature: LiveAvatar authentication and CORS
  X-API-KEY for the backend's calls, Authorization: Bearer <session token> for the SDK's start/stop/keep-alive (OAS,
  SDK L754). A missing credential is FastAPI's {"code":4003,"data":null,"message":"Not authenticated"} with HTTP 403
  (Q-403). HeyGen keys are not LiveAvatar keys (D-MIG), and what a LiveAvatar user holds does not open HeyGen's
  streaming API (HeyGen forum: "Error 400112 when calling /v1/streaming.task with LiveAvatar Full Mode session").
  The web SDK fetches with credentials: "include", so CORS must echo the Origin and allow credentials, never "*"
  (liveavatar-wire.md §2).

  @documented @endpoint:liveavatar.sessions.token
  Scenario: No API key is 403 4003 Not authenticated
    Q-403 shows this exact body on /start; FastAPI's APIKeyHeader answers the same for a missing X-API-KEY.
    When I call LiveAvatar POST "/v1/sessions/token" without credentials and body:
      """
      {"mode":"LITE","avatar_id":"dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"}
      """
    Then the response body is:
      """
      {"code":4003,"data":null,"message":"Not authenticated"}
      """
    And the response status is 403

  @documented @endpoint:liveavatar.sessions.start
  Scenario: start without a session token is 403 4003
    Q-403: {"code":4003,"data":null,"message":"Not authenticated"} on /v1/sessions/start.
    When I call LiveAvatar POST "/v1/sessions/start" without credentials
    Then the response is LiveAvatar error 403 4003 "Not authenticated"

  @assumed @endpoint:liveavatar.sessions.token
  Scenario: A HeyGen API key is refused by LiveAvatar
    D-MIG: HeyGen keys are not valid on LiveAvatar. The status and message for a wrong key are unpublished: the
    emulator answers 401 4001 "Invalid authentication credentials".
    Given I use the LiveAvatar "heygen" key
    When I call LiveAvatar POST "/v1/sessions/token" with body:
      """
      {"mode":"LITE","avatar_id":"dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"}
      """
    Then the response is LiveAvatar error 401 4001 "Invalid authentication credentials"

  @assumed @endpoint:liveavatar.sessions.start
  Scenario: A forged session token is 401 4001
    The emulator's choice, as for a wrong key: a Bearer that is not one of its session tokens.
    When I call LiveAvatar POST "/v1/sessions/start" with the Bearer token "eyJhbGciOiJIUzI1NiJ9.eyJzZXNzaW9uX2lkIjoieCJ9.c2ln"
    Then the response is LiveAvatar error 401 4001 "Invalid authentication credentials"

  @documented @endpoint:liveavatar.sessions.token @endpoint:streaming.task
  Scenario: A LiveAvatar session token on HeyGen's streaming.task is 401 400112
    HeyGen's forum: "Error 400112 when calling /v1/streaming.task with LiveAvatar Full Mode session".
    Given a LiveAvatar FULL session token
    When I POST HeyGen's "/v1/streaming.task" with the LiveAvatar session token and body:
      """
      {"session_id":"{la_session_id}","text":"hello"}
      """
    Then the response is HeyGen error 401 400112 "Unauthorized"

  @documented @endpoint:liveavatar.sessions.start @endpoint:streaming.task
  Scenario: A LiveAvatar session id with a HeyGen key on streaming.task is 401 400112
    Same forum thread: the session exists, but not for HeyGen's API.
    Given a started LiveAvatar FULL session
    When I POST "/v1/streaming.task" with the API key and body:
      """
      {"session_id":"{la_session_id}","text":"hello"}
      """
    Then the response is HeyGen error 401 400112 "Unauthorized"

  @documented @endpoint:liveavatar.sessions.start
  Scenario: The SDK's preflight gets its Origin echoed with credentials allowed, never *
    liveavatar-wire.md §2: credentials plus Authorization trigger a preflight; Access-Control-Allow-Origin must be the
    Origin and Access-Control-Allow-Credentials true (Fetch rules).
    When a browser at "http://localhost:5173" sends a CORS preflight to LiveAvatar for POST "/v1/sessions/start"
    Then the response status is 204
    And the response header "Access-Control-Allow-Origin" is "http://localhost:5173"
    And the response header "Access-Control-Allow-Credentials" is "true"

  @documented @endpoint:liveavatar.sessions.start
  Scenario: The SDK's credentialed start is answered with its Origin echoed
    The response itself must carry the echoed Origin and credentials for the browser to hand the body to the SDK.
    Given a LiveAvatar FULL session token
    When a browser at "http://localhost:5173" calls LiveAvatar POST "/v1/sessions/start" with the session token
    Then the response status is 201
    And the response header "Access-Control-Allow-Origin" is "http://localhost:5173"
    And the response header "Access-Control-Allow-Credentials" is "true"

  @assumed @emulator-only @endpoint:admin
  Scenario: The admin API still gets no CORS grant
    The emulator's choice: the admin API (reset, clock, faults) must not be drivable by a page on another site.
    When a browser at "http://localhost:5173" sends a CORS preflight for POST "/_emulator/reset"
    Then the response header "Access-Control-Allow-Origin" is absent
