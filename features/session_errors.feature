Feature: Session state and lookup errors
  Calls in the wrong state answer 400 with 10001–10005 for the current state; unknown ids 404 10006
  (heygen-wire.md §5, DOC-ERRORS, GH-SDK26). "connecting" (10002) and "closing" (10004) are transient states
  inside streaming.start and streaming.stop; the unit tests hold the session there and check those codes.

  @documented @endpoint:streaming.task
  Scenario: A task before streaming.start is 10001 (state new)
    Given a new session
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","text":"too early"}
      """
    Then the response is HeyGen error 400 10001 "Session state wrong: new"

  @documented @endpoint:streaming.start
  Scenario: Starting a connected session again is 10003 (state connected)
    Given a started session
    When I POST "/v1/streaming.start" with body:
      """
      {"session_id":"{session_id}"}
      """
    Then the response is HeyGen error 400 10003 "Session state wrong: connected"

  @documented @endpoint:streaming.stop
  Scenario Outline: Calls on a closed session are 10005
    Given a stopped session
    When I POST "/v1/<endpoint>" with body:
      """
      {"session_id":"{session_id}","text":"hello"}
      """
    Then the response is HeyGen error 400 10005 "Session state wrong: closed"

    Examples:
      | endpoint                  |
      | streaming.task            |
      | streaming.interrupt       |
      | streaming.keep_alive      |
      | streaming.start_listening |
      | streaming.stop_listening  |
      | streaming.start           |

  @assumed @endpoint:streaming.stop
  Scenario: Stopping a closed session again is 10005
    Given a stopped session
    When I POST "/v1/streaming.stop" with body:
      """
      {"session_id":"{session_id}"}
      """
    Then the response is HeyGen error 400 10005 "Session state wrong: closed"

  @documented @endpoint:streaming.start @endpoint:streaming.task @endpoint:streaming.stop @endpoint:streaming.keep_alive
  Scenario Outline: An unknown session id is 404 10006
    When I POST "/v1/<endpoint>" with the API key and body:
      """
      {"session_id":"00000000-0000-1000-8000-000000000000","text":"hello"}
      """
    Then the response body is:
      """
      {"code":10006,"message":"Session not found"}
      """
    And the response status is 404

    Examples:
      | endpoint             |
      | streaming.start      |
      | streaming.task       |
      | streaming.stop       |
      | streaming.keep_alive |

  @documented @endpoint:streaming.task
  Scenario: A task without session_id is 401 400112
    Given a started session
    When I POST "/v1/streaming.task" with body:
      """
      {"text":"where is my session?"}
      """
    Then the response is HeyGen error 401 400112 "Unauthorized"
