Feature: Voices
  GET /v2/voices ("List All Voices (V2)", https://docs.heygen.com/reference/list-voices-v2, which streaming.new's page
  points to for voice ids): {"error":null,"data":{"voices":[{voice_id, language, gender, name, preview_audio,
  support_pause, emotion_support, …}]}}, served from the emulator's voice catalogue.

  @documented @endpoint:voices.v2
  Scenario: The voice list has the catalogue's voices
    When the client lists the voices
    Then the voices include "1bd001e7e50f421d891986aad5158bc8" named "Paul - Natural" in "English", "male"
    And the voices include "de_voice_anna" named "Anna" in "German", "female"

  @documented @endpoint:voices.v2
  Scenario: The voice list answers in the v2 envelope with the documented fields
    When I GET "/v2/voices"
    Then the response status is 200
    And the response field "error" is null
    And the response field "data.voices[0].voice_id" matches ".+"
    And the response field "data.voices[0].language" matches ".+"
    And the response field "data.voices[0].gender" matches "^(male|female|unknown)$"
    And the response field "data.voices[0].name" matches ".+"
    And the response field "data.voices[0].support_pause" is false
    And the response field "data.voices[0].emotion_support" is false

  @assumed @endpoint:voices.v2 @endpoint:streaming.new
  Scenario: A listed voice id works on streaming.new
    The ids are the ones streaming.new's voice.voice_id takes (the new-session page points to this list for them).
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","version":"v2","voice":{"voice_id":"2d5b0e6cf36f460aa7fc47e3eee4ba54"}}
      """
    Then the response status is 200

  @documented @endpoint:voices.v2
  Scenario: The voice list needs the API key
    When I GET "/v2/voices" without credentials
    Then the response is HeyGen error 401 400112 "Unauthorized"
