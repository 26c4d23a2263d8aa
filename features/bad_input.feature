Feature: Bad input
  Malformed JSON, wrong types, out-of-range values, missing fields, oversized bodies and unknown paths get a 4xx with
  a HeyGen-style body naming the problem; never a 500. HeyGen's validation codes are 40001 (missing) and 400175
  (invalid) (heygen-wire.md §5, DOC-ERRORS); the exact messages are the emulator's.

  @assumed @endpoint:streaming.new
  Scenario: Malformed JSON is a 400 naming the problem
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name": 
      """
    Then the response is HeyGen error 400 400175 starting with "Invalid parameter: request body is not valid JSON"

  @assumed @endpoint:streaming.new
  Scenario: A JSON array instead of an object is a 400
    When I POST "/v1/streaming.new" with the API key and body:
      """
      [{"avatar_name":"Santa_Fireplace_Front_public"}]
      """
    Then the response is HeyGen error 400 400175 "Invalid parameter: request body must be a JSON object, not an array"

  @assumed @endpoint:streaming.new
  Scenario Outline: Wrong types and out-of-range values name the field
    When I POST "/v1/streaming.new" with the API key and body:
      """
      <body>
      """
    Then the response is HeyGen error 400 400175 "<message>"

    Examples:
      | body                                      | message                                                                      |
      | {"quality":"ultra"}                       | Invalid parameter: quality must be one of: low, medium, high (got 'ultra')   |
      | {"activity_idle_timeout":5}               | Invalid parameter: activity_idle_timeout must be between 30 and 3600 (got 5) |
      | {"activity_idle_timeout":"60"}            | Invalid parameter: activity_idle_timeout must be an integer, not a string    |
      | {"avatar_name":42}                        | Invalid parameter: avatar_name must be a string, not a number                |
      | {"voice":"Emma"}                          | Invalid parameter: voice must be an object, not a string                     |
      | {"voice":{"rate":3}}                      | Invalid parameter: voice.rate must be between 0.5 and 1.5 (got 3)            |
      | {"video_encoding":"AV1"}                  | Invalid parameter: video_encoding must be one of: H264, VP8 (got 'AV1')      |
      | {"version":"v3"}                          | Invalid parameter: version must be one of: v1, v2 (got 'v3')                 |
      | {"version":"liveavatar"}                  | Invalid parameter: version must be one of: v1, v2 (got 'liveavatar')         |
      | {"disable_idle_timeout":"yes"}            | Invalid parameter: disable_idle_timeout must be a boolean, not a string      |

  @documented @endpoint:streaming.new
  Scenario: Unknown fields on streaming.new are ignored
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","version":"v2","brand_new_option":{"x":1}}
      """
    Then the response status is 200

  @emulator-only @assumed @endpoint:streaming.task
  Scenario: An oversized body is refused with 413
    When I POST "/v1/streaming.task" with a body of 2000000 bytes
    Then the response is HeyGen error 413 400175 "Invalid parameter: request body is larger than 1048576 bytes"

  @assumed @endpoint:none
  Scenario: An unknown path is a HeyGen-style 404
    When I POST "/v1/streaming.nonexistent" with the API key and body:
      """
      {}
      """
    Then the response is HeyGen error 404 40004 "Not found: POST /v1/streaming.nonexistent"

  @assumed @endpoint:streaming.new
  Scenario: A wrong method is a HeyGen-style 405
    When I GET "/v1/streaming.new"
    Then the response is HeyGen error 405 40005 "Method not allowed: GET /v1/streaming.new"

  @documented @endpoint:streaming.new
  Scenario: A browser's CORS preflight is answered
    When a browser at "http://localhost:3000" sends a CORS preflight for POST "/v1/streaming.new"
    Then the response status is 204
    And the response header "Access-Control-Allow-Origin" is "*"
    And the response header "Access-Control-Allow-Headers" is "authorization,content-type"
