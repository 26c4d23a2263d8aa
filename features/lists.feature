Feature: List endpoints
  GET /v1/streaming.list (open sessions), GET /v2/streaming.list (paged history) and GET /v1/streaming/avatar.list
  (heygen-wire.md §4.1 #10–#12, DOC-LIST, DOC-AVLIST).

  @documented @endpoint:streaming.list
  Scenario: v1 list shows open sessions with status and creation time
    Given a started session
    When I GET "/v1/streaming.list"
    Then the response status is 200
    And the response field "data.sessions[0].session_id" is "{session_id}"
    And the response field "data.sessions[0].status" is "connected"
    And the response field "data.sessions[0].created_at" matches "^[0-9]{10}$"

  @documented @endpoint:streaming.list
  Scenario: v1 list leaves out closed sessions
    Given a stopped session
    When I GET "/v1/streaming.list"
    Then the response field "data.sessions" has 0 items

  @documented @endpoint:streaming.list.v2
  Scenario: v2 list pages the session history
    Given 3 started sessions
    When I GET "/v2/streaming.list?page=1&page_size=2"
    Then the response status is 200
    And the response field "data.total" is "3"
    And the response field "data.page" is "1"
    And the response field "data.page_size" is "2"
    And the response field "data.data" has 2 items
    And the response field "data.next_pagination_token" matches ".+"
    And the response field "data.data[0].avatar_id" is "Santa_Fireplace_Front_public"

  @assumed @endpoint:streaming.list.v2
  Scenario: v2 list rejects a page size over 100
    When I GET "/v2/streaming.list?page_size=500"
    Then the response is HeyGen error 400 40012 "Invalid querying parameter: page_size must be an integer between 1 and 100"

  @documented @endpoint:streaming.avatar.list
  Scenario: The avatar list has the interactive avatars
    When I GET "/v1/streaming/avatar.list"
    Then the response status is 200
    And the response field "message" is "Success"
    And the response field "data[0].avatar_id" matches ".+"
    And the response field "data[0].status" matches "^(ACTIVE|INACTIVE)$"

  @documented @endpoint:streaming.list
  Scenario: The list endpoints need an API key
    When I GET "/v1/streaming.list" without credentials
    Then the response is HeyGen error 401 400112 "Unauthorized"
