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

  @assumed @endpoint:streaming.list.v2
  Scenario: v2 list honours the pagination token it returns
    The docs name next_pagination_token but not the query parameter that takes it back; the emulator reads token
    (and pagination_token); the page it stands for wins over page.
    Given 3 started sessions
    When I GET "/v2/streaming.list?page_size=2"
    Then I remember the response field "data.next_pagination_token" as "next"
    And I remember the response field "data.data[0].session_id" as "newest"
    When I GET "/v2/streaming.list?page_size=2&token={next}"
    Then the response status is 200
    And the response field "data.page" is "2"
    And the response field "data.data" has 1 item
    And the response field "data.next_pagination_token" is null

  @assumed @endpoint:streaming.list.v2
  Scenario: A token the list did not give is refused
    When I GET "/v2/streaming.list?token=not-a-token"
    Then the response is HeyGen error 400 40012 "Invalid querying parameter: token is not a next_pagination_token of this list"

  @documented @endpoint:streaming.list @endpoint:streaming.list.v2 @endpoint:streaming.avatar.list
  Scenario: created_at is a unix timestamp in seconds (a JSON integer) in every list
    DOC-LIST shows created_at as unix seconds for both session lists, DOC-AVLIST the same for avatars.
    Given a started session
    When I GET "/v1/streaming.list"
    Then the response field "data.sessions[0].created_at" is an integer
    When I GET "/v2/streaming.list"
    Then the response field "data.data[0].created_at" is an integer
    When I GET "/v1/streaming/avatar.list"
    Then the response field "data[0].created_at" is an integer

  @assumed @endpoint:streaming.avatar.list
  Scenario: normal_preview is an absolute URL of an image of the avatar
    HeyGen's normal_preview is an image URL clients load directly; the emulator serves the drawn avatar's idle frame.
    When I GET "/v1/streaming/avatar.list"
    Then the response field "data[0].normal_preview" matches "^https?://[^/]+/previews/avatars/[^/]+\.png$"
    And I remember the response field "data[0].normal_preview" as "preview"
    When I GET "{preview}" without credentials
    Then the response status is 200
    And the response header "Content-Type" is "image/png"
