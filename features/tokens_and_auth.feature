Feature: Tokens and authentication
  HeyGen authenticates with X-Api-Key (any header case) or a Bearer session token from streaming.create_token.
  A token creates exactly one session and then stays valid as Bearer for that session's calls.
  Sources: heygen-wire.md §2 (DOC-TOKEN, GH-SDK69, GH-SA21, GH-SDK24, DISC-400).

  @documented @endpoint:streaming.create_token
  Scenario: create_token answers in the {"error":null,"data":{"token":...}} envelope
    When I POST "/v1/streaming.create_token" with no body
    Then the response status is 200
    And the response field "error" is null
    And the response field "data.token" matches "^eyJ0b2tlbiI6"

  @documented @endpoint:streaming.create_token
  Scenario: create_token with a JSON body works as without one
    When I POST "/v1/streaming.create_token" with the API key and body:
      """
      {}
      """
    Then the response status is 200
    And the response field "data.token" matches "^[A-Za-z0-9+/=]{20,}$"

  @assumed @endpoint:streaming.create_token
  Scenario: create_token with an unknown API key is unauthorized
    Given I use the "invalid" API key
    When I POST "/v1/streaming.create_token" with no body
    Then the response body is:
      """
      {"code":400112,"message":"Unauthorized"}
      """
    And the response status is 401

  @documented @endpoint:streaming.new
  Scenario: A call without any credentials is unauthorized
    When I POST "/v1/streaming.new" without credentials and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public"}
      """
    Then the response is HeyGen error 401 400112 "Unauthorized"

  @documented @endpoint:streaming.create_token
  Scenario: The API key header is accepted in any case
    When I send POST "/v1/streaming.create_token" with header "x-api-key" set to "{trial_key}"
    Then the response status is 200

  @documented @endpoint:streaming.new
  Scenario: A session token creates one session
    Given I have a session token
    When I POST "/v1/streaming.new" with the session token and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","quality":"low","voice":{},"version":"v2","video_encoding":"H264","source":"sdk"}
      """
    Then the response status is 200
    And the response field "code" is "100"
    And the response field "message" is "success"

  @documented @endpoint:streaming.new
  Scenario: A session token cannot create a second session
    Given a new session
    When I POST "/v1/streaming.new" with the session token and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","version":"v2"}
      """
    Then the response is HeyGen error 401 400112 "Unauthorized"

  @documented @endpoint:streaming.start
  Scenario: The used token stays valid as Bearer for its session's calls
    Given a new session
    When I POST "/v1/streaming.start" with the session token and body:
      """
      {"session_id":"{session_id}"}
      """
    Then the response status is 200

  @assumed @endpoint:streaming.start
  Scenario: A used token speaks for its own session only
    HeyGen does not say whether a session token reaches the key's other sessions; the chat socket accepts a used token
    only for its session, and the REST calls answer the same way.
    Given a new session
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","version":"v2"}
      """
    Then the response status is 200
    And I remember the response field "data.session_id" as "second_session_id"
    When I POST "/v1/streaming.start" with the session token and body:
      """
      {"session_id":"{second_session_id}"}
      """
    Then the response is HeyGen error 401 400112 "Unauthorized"

  @documented @endpoint:streaming.new
  Scenario: A garbage Bearer token is unauthorized
    When I send POST "/v1/streaming.new" with header "Authorization" set to "Bearer eyJ0b2tlbiI6Im5vdC1yZWFsIn0="
    Then the response is HeyGen error 401 400112 "Unauthorized"

  @documented @endpoint:streaming.new
  Scenario: The API key works directly on streaming.new (server-side clients such as Pipecat)
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_id":"Santa_Fireplace_Front_public","version":"v2"}
      """
    Then the response status is 200

  @assumed @second-key @endpoint:streaming.task
  Scenario: A key does not see another key's sessions
    Given the "other" key has a started session
    When I POST "/v1/streaming.task" with the API key and body:
      """
      {"session_id":"{other_session_id}","text":"hello"}
      """
    Then the response is HeyGen error 404 10006 "Session not found"

  @assumed @emulator-only @endpoint:streaming.create_token
  Scenario: An unused session token expires 24 hours after it was issued
    Given I have a session token
    When the emulator clock advances by 86400 seconds
    And I POST "/v1/streaming.new" with the session token and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","quality":"low","voice":{},"version":"v2","video_encoding":"H264","source":"sdk"}
      """
    Then the response is HeyGen error 401 400112 "Unauthorized"
