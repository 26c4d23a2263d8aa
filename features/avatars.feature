Feature: Avatar choice on streaming.new
  Interactive avatars stream; unknown ids are 404 10012; avatars that exist but are not streamable are 403 10013;
  older avatar versions give 400 "avatar version is deprecated" (heygen-wire.md §5, §10, DOC-AVVER, GH-DEMO10).

  @documented @endpoint:streaming.new
  Scenario: avatar_name (the SDK's field) picks the avatar
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"Ann_Therapist_public","version":"v2"}
      """
    Then the response status is 200

  @documented @endpoint:streaming.new
  Scenario: avatar_id (the documented field) picks the avatar
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_id":"Ann_Therapist_public","version":"v2"}
      """
    Then the response status is 200

  @documented @endpoint:streaming.new
  Scenario: Without an avatar the default avatar is used
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"version":"v2"}
      """
    Then the response status is 200

  @documented @endpoint:streaming.new
  Scenario: An unknown avatar is 404 10012
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"No_Such_Avatar_public","version":"v2"}
      """
    Then the response is HeyGen error 404 10012 "Avatar not found"

  @assumed @endpoint:streaming.new
  Scenario: A studio avatar that is not interactive is 403 10013
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"Adrian_public_3_20240312","version":"v2"}
      """
    Then the response is HeyGen error 403 10013 "Avatar not allowed"

  @documented @endpoint:streaming.new
  Scenario Outline: Older-generation avatars are deprecated
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"<avatar>","version":"v2"}
      """
    Then the response body is:
      """
      {"code":10003,"message":"avatar version is deprecated, please update to v3+","details":"invalid avatar"}
      """
    And the response status is 400

    Examples:
      | avatar                           |
      | 73c84e2b886940099c5793b085150f2f |
      | josh_lite3_20230714              |

  @assumed @endpoint:streaming.new
  Scenario: An unknown voice is an invalid parameter
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","version":"v2","voice":{"voice_id":"no-such-voice"}}
      """
    Then the response is HeyGen error 400 400175 "Invalid parameter: voice_id 'no-such-voice' is not a known voice"
