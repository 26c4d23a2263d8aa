Feature: Session lifecycle
  new → connecting → connected → closing → closed (heygen-wire.md §6). streaming.start moves a session from new
  to connected (through connecting while the avatar joins); streaming.stop closes it.

  @documented @endpoint:streaming.new
  Scenario: streaming.new for v2 returns the LiveKit session fields
    Given I have a session token
    When I POST "/v1/streaming.new" with the session token and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","quality":"low","voice":{},"version":"v2","video_encoding":"H264","source":"sdk"}
      """
    Then the response status is 200
    And the response field "data.session_id" matches "^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
    And the response field "data.access_token" matches "^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$"
    And the response field "data.url" matches "^wss?://"
    And the response field "data.is_paid" is false
    And the response field "data.session_duration_limit" is "600"
    And the response field "data.sdp" is null
    And the response field "data.ice_servers2" is null
    And the response field "data.realtime_endpoint" matches "/v2-alpha/interactive-avatar/session/"

  @documented @endpoint:streaming.new
  Scenario: A new session is listed as new
    Given a new session
    Then the session state is "new"

  @documented @endpoint:streaming.start
  Scenario: streaming.start connects the session
    Given a new session
    When I POST "/v1/streaming.start" with body:
      """
      {"session_id":"{session_id}"}
      """
    Then the response status is 200
    And the session state is "connected"

  @assumed @endpoint:streaming.start
  Scenario Outline: streaming.start of a v2 session ignores an sdp object, empty or not
    A v2 server has no use for an answer (the docs treat sdp as v1 only); a public Go client (plexusone/heygen-go
    streaming/session.go) sends "sdp":{"type":"","sdp":""} on every start, v2 included. The session starts.
    Given a new session
    When I POST "/v1/streaming.start" with body:
      """
      {"session_id":"{session_id}","sdp":<sdp>}
      """
    Then the response status is 200
    And the session state is "connected"

    Examples:
      | sdp                                    |
      | {"type":"","sdp":""}                   |
      | {"type":"offer","sdp":"not an answer"} |
      | {}                                     |

  @assumed @emulator-only @endpoint:streaming.task @emulator-setting:Emulator:RequireClientInRoomForTasks=true
  Scenario: With RequireClientInRoomForTasks, a v2 task before any LiveKit client joined is 400006
    One user's report (HeyGen forum, discussion 6790f62ab8177700103dcbeb, "Heygen V2 streaming.task api giving error
    400"): create_token → new (v2) → start → task, with no LiveKit client in the room, answered
    {"code":400006,"message":"Session is not in correct state"}. One report is thin evidence, so the emulator
    reproduces it only with Emulator:RequireClientInRoomForTasks=true (default false).
    Given a started session
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","task_type":"repeat","text":"Hello John! How can I assist you today?"}
      """
    Then the response body is:
      """
      {"code":400006,"message":"Session is not in correct state"}
      """
    And the response status is 400

  @assumed @endpoint:streaming.task
  Scenario: By default a v2 task needs no LiveKit client in the room
    The same calls as that report, with the setting at its default: the task is spoken.
    Given a started session
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","task_type":"repeat","text":"Hello John!","task_mode":"async"}
      """
    Then the response status is 200

  @assumed @endpoint:streaming.start
  Scenario: Success bodies of session calls carry code 100 and null data
    Given a new session
    When I POST "/v1/streaming.start" with body:
      """
      {"session_id":"{session_id}"}
      """
    Then the response body is:
      """
      {"code":100,"message":"success","data":null}
      """

  @documented @endpoint:streaming.stop
  Scenario: streaming.stop closes the session
    Given a started session
    When I POST "/v1/streaming.stop" with body:
      """
      {"session_id":"{session_id}"}
      """
    Then the response status is 200
    And the session state is "closed"

  @documented @endpoint:streaming.keep_alive
  Scenario: keep_alive on a connected session succeeds
    Given a started session
    When I POST "/v1/streaming.keep_alive" with body:
      """
      {"session_id":"{session_id}"}
      """
    Then the response body is:
      """
      {"code":100,"message":"success","data":null}
      """

  @documented @endpoint:streaming.new
  Scenario: A paid key's sessions are marked paid
    Given I use the "paid" API key
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","version":"v2"}
      """
    Then the response field "data.is_paid" is true

  @emulator-only @assumed @endpoint:admin
  Scenario: The admin API can end a session as if the server dropped it
    Given a started session
    When I call the admin API DELETE "/_emulator/sessions/{session_id}"
    Then the response status is 200
    And the session state is "closed"

  @assumed @endpoint:streaming.new
  Scenario: livekit_settings (bring your own LiveKit) is accepted and ignored offline
    The docs: "Only provide this if you are using your own LiveKit". Offline the emulator cannot reach that server, so it
    answers with its own LiveKit url and access_token, as for any v2 session (README, Scope).
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","version":"v2","livekit_settings":{"url":"wss://my-livekit.example","api_key":"k","api_secret":"s"}}
      """
    Then the response status is 200
    And the response field "data.url" matches "^ws://"
    And the response field "data.access_token" matches "^eyJ"
