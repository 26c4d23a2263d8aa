@emulator-only
@endpoint:admin
Feature: Fault injection
  POST /_emulator/faults makes the next matching calls fail with a chosen status, code and message, or wait first,
  so clients can rehearse HeyGen's failures (heygen-wire.md §12: 10007, 10015, 10003/400014, 10012/10013, 400112).

  @assumed @endpoint:streaming.new
  Scenario: A one-time trial-limit fault on streaming.new
    Given the emulator injects the fault:
      """
      {"endpoint":"streaming.new","status":429,"code":10015,"message":"Trial API limit reached, please upgrade your plan for formal usage","times":1}
      """
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","version":"v2"}
      """
    Then the response body is:
      """
      {"code":10015,"message":"Trial API limit reached, please upgrade your plan for formal usage"}
      """
    And the response status is 429
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","version":"v2"}
      """
    Then the response status is 200

  @assumed @endpoint:streaming.keep_alive @endpoint:streaming.task
  Scenario: A fault only hits its endpoint
    Given a started session
    And the emulator injects the fault:
      """
      {"endpoint":"streaming.task","status":400,"code":400009,"message":"Error calling text to speech provider"}
      """
    When I POST "/v1/streaming.keep_alive" with body:
      """
      {"session_id":"{session_id}"}
      """
    Then the response status is 200
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","text":"hello"}
      """
    Then the response is HeyGen error 400 400009 "Error calling text to speech provider"

  @assumed @endpoint:streaming.create_token
  Scenario: Faults are listed with their hits and cleared
    Given the emulator injects the fault:
      """
      {"endpoint":"streaming.create_token","status":401,"code":400112,"message":"Unauthorized","times":2}
      """
    When I POST "/v1/streaming.create_token" with no body
    And I call the admin API GET "/_emulator/faults"
    Then the response field "[0].hits" is "1"
    And the response field "[0].remaining" is "1"
    When I call the admin API DELETE "/_emulator/faults"
    And I POST "/v1/streaming.create_token" with no body
    Then the response status is 200

  @assumed @endpoint:streaming.create_token
  Scenario: A seeded probabilistic fault fails the same calls every run
    Given the emulator injects the fault:
      """
      {"endpoint":"streaming.create_token","status":503,"code":503,"message":"Service busy","probability":0.5,"seed":7}
      """
    When I POST "/v1/streaming.create_token" 12 times and remember the statuses as "first run"
    And I call the admin API DELETE "/_emulator/faults"
    And the emulator injects the fault:
      """
      {"endpoint":"streaming.create_token","status":503,"code":503,"message":"Service busy","probability":0.5,"seed":7}
      """
    And I POST "/v1/streaming.create_token" 12 times and remember the statuses as "second run"
    Then the statuses "first run" and "second run" are the same
    And the statuses "first run" include 200 and 503

  @assumed @endpoint:streaming.create_token
  Scenario: A delay-only fault slows the call and lets it succeed
    Given the emulator injects the fault:
      """
      {"endpoint":"streaming.create_token","delay_ms":150,"times":1}
      """
    When I POST "/v1/streaming.create_token" with no body
    Then the response status is 200
    And the journal's last "streaming.create_token" call took at least 140 ms
