Feature: Concurrent-session limit
  A trial key may hold 3 open sessions; the 4th streaming.new answers 429 10007 "Concurrent limit reached"
  (heygen-wire.md §5: SDK README FAQ, DOC-ERRORS). Closed sessions free their slot.

  @documented @endpoint:streaming.new
  Scenario: The fourth concurrent session of a trial key is refused
    Given 3 started sessions
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","version":"v2"}
      """
    Then the response body is:
      """
      {"code":10007,"message":"Concurrent limit reached"}
      """
    And the response status is 429

  @assumed @endpoint:streaming.new
  Scenario: A 429 carries Retry-After
    HeyGen documents no Retry-After; a public Go client (plexusone/heygen-go heygen/client.go) reads it on 429 when
    present, so the emulator sends one (Emulator:RetryAfterSeconds, default 1) on every 429, injected faults included.
    Given 3 started sessions
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","version":"v2"}
      """
    Then the response status is 429
    And the response header "Retry-After" is "1"

  @documented @endpoint:streaming.stop @endpoint:streaming.new
  Scenario: Stopping a session frees its slot
    Given 3 started sessions
    When I POST "/v1/streaming.stop" with the API key and body:
      """
      {"session_id":"{session_id}"}
      """
    And I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","version":"v2"}
      """
    Then the response status is 200

  @assumed @second-key @endpoint:streaming.new
  Scenario: Another key's sessions do not count against this key's limit
    Given 3 started sessions
    And I use the "other" API key
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","version":"v2"}
      """
    Then the response status is 200

  @emulator-only @documented @endpoint:streaming.new
  Scenario: Sessions that timed out free their slots
    Given 3 started sessions
    And the emulator clock has advanced by 121 seconds
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","version":"v2"}
      """
    Then the response status is 200
