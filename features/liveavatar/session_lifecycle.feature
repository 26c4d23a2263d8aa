@liveavatar
Feature: LiveAvatar session lifecycle
  The web SDK starts the session with POST /v1/sessions/start (Bearer session token, no body: SDK L751-777), which
  answers HTTP 201 (OAS, PROBE) with session_id, livekit_url, livekit_client_token, livekit_agent_token,
  max_session_duration, and ws_url only in LITE mode ("Custom Mode only", OAS). It stops with POST /v1/sessions/stop
  on every teardown, so a repeated stop must be harmless (§8); keep-alive is POST /v1/sessions/keep-alive. The key
  lists its sessions with GET /v1/sessions?type=active|historic (paginated {count, next, previous, results}), reads
  one with GET /v1/sessions/{id} and its transcript with GET /v1/sessions/{id}/transcript (OAS).

  @documented @endpoint:liveavatar.sessions.start
  Scenario: A FULL start answers 201 with the LiveKit room and no ws_url
    OAS requires session_id, livekit_url, livekit_client_token; ws_url is "Custom Mode only"; the SDK reads
    max_session_duration (SDK L930-933). 1200 s is the emulator's default (Emulator:LiveAvatar:DefaultMaxSessionDuration).
    Given a LiveAvatar FULL session token
    When I call LiveAvatar POST "/v1/sessions/start" with the session token
    Then the response status is 201
    And the response is LiveAvatar success
    And the response field "data.session_id" is "{la_session_id}"
    And the response field "data.livekit_url" matches "^wss?://"
    And the response field "data.livekit_client_token" matches "^eyJ"
    And the response field "data.livekit_agent_token" matches "^eyJ"
    And the response field "data.max_session_duration" is the number 1200
    And the response has no field "data.ws_url"

  @documented @endpoint:liveavatar.sessions.start
  Scenario: A LITE start adds ws_url, the session's socket
    OAS: ws_url "Custom Mode only"; the SDK opens it verbatim with no header (SDK L943-946), so the URL carries the session.
    Given a LiveAvatar LITE session token
    When I call LiveAvatar POST "/v1/sessions/start" with the session token and body:
      """
      {}
      """
    Then the response status is 201
    And the response field "data.ws_url" matches "^wss?://.+/v1/sessions/{la_session_id}/ws$"

  @assumed @endpoint:liveavatar.sessions.start
  Scenario: A session starts once
    liveavatar-wire.md §9.10: the answer to a second /start is undocumented; the emulator refuses it with 400 4000.
    Given a started LiveAvatar FULL session
    When I call LiveAvatar POST "/v1/sessions/start" with the session token
    Then the response is LiveAvatar error 400 4000 "Session has already started"

  @documented @endpoint:liveavatar.sessions.stop
  Scenario: stop twice is harmless: 200 code 1000 both times
    §8: POST /stop arrives again after a failed start, after session.stopped and after a room drop, with the same Bearer
    and no body; it must answer 2xx with code 1000 (the SDK throws otherwise, L760-762).
    Given a started LiveAvatar FULL session
    When I call LiveAvatar POST "/v1/sessions/stop" with the session token
    Then the response status is 200
    And the response body is:
      """
      {"code":1000,"data":null,"message":"success"}
      """
    When I call LiveAvatar POST "/v1/sessions/stop" with the session token
    Then the response status is 200
    And the response body is:
      """
      {"code":1000,"data":null,"message":"success"}
      """
    And the LiveAvatar session is historic with end_reason "USER_CLOSED"

  @documented @endpoint:liveavatar.sessions.stop
  Scenario: A backend stops a session with the API key and its session_id
    OAS: /stop takes either credential; HeyGen's starter stops with the API key (STARTER liveavatar_client.py L125-148).
    Given a started LiveAvatar LITE session
    When I call LiveAvatar POST "/v1/sessions/stop" with body:
      """
      {"session_id":"{la_session_id}","reason":"USER_CLOSED"}
      """
    Then the response status is 200
    And the response is LiveAvatar success
    And the LiveAvatar session is historic with end_reason "USER_CLOSED"

  @documented @endpoint:liveavatar.sessions.keep-alive
  Scenario: keep-alive answers code 1000
    OAS and SDK L783-787: POST /v1/sessions/keep-alive with the Bearer token, no body; the SDK reads nothing back.
    Given a started LiveAvatar FULL session
    When I call LiveAvatar POST "/v1/sessions/keep-alive" with the session token
    Then the response status is 200
    And the response is LiveAvatar success

  @assumed @endpoint:liveavatar.sessions.keep-alive
  Scenario: keep-alive after stop is refused
    Undocumented (§9.10): the emulator answers 400 4000, as for any call the session's state does not allow.
    Given a started LiveAvatar FULL session
    And the LiveAvatar session was stopped
    When I call LiveAvatar POST "/v1/sessions/keep-alive" with the session token
    Then the response is LiveAvatar error 400 4000 "Session has already ended"

  @documented @endpoint:liveavatar.sessions.id
  Scenario: A session's entry has its mode, sandbox flag and source
    OAS: {id, created_at, updated_at, duration, source, mode, is_sandbox, credits_consumed}. Sessions made with an API
    key are source API; the emulator consumes no credits.
    Given a started LiveAvatar LITE session
    When I call LiveAvatar GET "/v1/sessions/{la_session_id}"
    Then the response status is 200
    And the response field "data.id" is "{la_session_id}"
    And the response field "data.mode" is "LITE"
    And the response field "data.is_sandbox" is false
    And the response field "data.source" is "API"
    And the response field "data.duration" is an integer
    And the response field "data.credits_consumed" is the number 0
    And the response has no field "data.end_reason"

  @assumed @endpoint:liveavatar.sessions.id
  Scenario: An unknown session is 404 4004
    The status and code are not published; the emulator answers 404 in LiveAvatar's envelope.
    When I call LiveAvatar GET "/v1/sessions/00000000-0000-4000-8000-000000000000"
    Then the response is LiveAvatar error 404 4004 "Session not found"

  @documented @endpoint:liveavatar.sessions
  Scenario: type is required when listing sessions
    OAS: type is required, active or historic; FastAPI's message for a missing query field.
    When I call LiveAvatar GET "/v1/sessions"
    Then the response is LiveAvatar error 422 4000 "Request validation errors. query.type: Field required"

  @documented @endpoint:liveavatar.sessions
  Scenario: Active and historic lists, paginated
    OAS: page (≥1, default 1), page_size (1-100, default 20); data is {count, next, previous, results}; historic
    entries add end_at and end_reason.
    Given 3 started LiveAvatar LITE sessions
    When I call LiveAvatar GET "/v1/sessions?type=active&page_size=2"
    Then the response status is 200
    And the response field "data.count" is the number 3
    And the response field "data.results" has 2 items
    And the response field "data.next" matches "page=2&page_size=2$"
    And the response field "data.previous" is null
    When I call LiveAvatar GET "/v1/sessions?type=active&page=2&page_size=2"
    Then the response field "data.results" has 1 item
    And the response field "data.next" is null
    And the response field "data.previous" matches "page=1&page_size=2$"
    When the LiveAvatar session is stopped
    And I call LiveAvatar GET "/v1/sessions?type=historic"
    Then the response field "data.results" has an item whose "id" is "{la_session_id}"
    And the response field "data.results[0].end_reason" is "USER_CLOSED"
    And the response field "data.results[0].end_at" matches "^20"

  @documented @endpoint:liveavatar.sessions.id.transcript
  Scenario: A session's transcript
    OAS: {session_active, next_timestamp?, transcript_data: [{role, transcript, absolute_timestamp, relative_timestamp}]}.
    Nothing was said in a session no one joined.
    Given a started LiveAvatar FULL session
    When I call LiveAvatar GET "/v1/sessions/{la_session_id}/transcript"
    Then the response status is 200
    And the response field "data.session_active" is true
    And the response field "data.transcript_data" has 0 items
    When the LiveAvatar session is stopped
    And I call LiveAvatar GET "/v1/sessions/{la_session_id}/transcript"
    Then the response field "data.session_active" is false

  @assumed @endpoint:liveavatar.sessions.id.transcript
  Scenario: A transcript's timestamps are integers
    OAS types start_timestamp and end_timestamp as integers; anything else is FastAPI's 422.
    Given a started LiveAvatar FULL session
    When I call LiveAvatar GET "/v1/sessions/{la_session_id}/transcript?start_timestamp=yesterday"
    Then the response is LiveAvatar error 422 4000 "Request validation errors. query.start_timestamp: Input should be a valid integer"
