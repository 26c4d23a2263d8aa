@liveavatar
Feature: LiveAvatar avatars, voices and languages
  GET /v1/avatars/public and GET /v1/languages need no credentials; /v1/avatars (the account's own avatars),
  /v1/avatars/{id}, /v1/voices?voice_type=public|private and /v1/voices/{id} take the X-API-KEY (OAS,
  liveavatar-wire.md §3). Avatars are {id, space_id, type, status, name, preview_url, is_expired, default_voice,
  is_1080p, created_at, updated_at, error_message}; voices {id, name, description, language, gender, created_at,
  updated_at, tags}; languages a plain [{language, code}]. Ids are UUIDs. The emulator lists its own catalogue.

  @documented @endpoint:liveavatar.avatars.public
  Scenario: Public avatars need no credentials and include the sandbox's Wayne
    OAS: GET /v1/avatars/public without auth; D-SBX: Wayne dd73ea75-1218-4ef3-92ce-606d5f7fbc0a.
    When I call LiveAvatar GET "/v1/avatars/public" without credentials
    Then the response status is 200
    And the response is LiveAvatar success
    And the response field "data.results" has an item whose "id" is "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"
    And the response field "data.count" is a positive number

  @assumed @endpoint:liveavatar.avatars
  Scenario: The account's own avatars: none
    OAS: GET /v1/avatars lists the account's avatars. The emulator makes no custom avatars, so the list is empty
    (public ones stay at /v1/avatars/public); it still needs the API key.
    When I call LiveAvatar GET "/v1/avatars"
    Then the response status is 200
    And the response field "data.count" is the number 0
    And the response field "data.results" has 0 items
    When I call LiveAvatar GET "/v1/avatars" without credentials
    Then the response is LiveAvatar error 403 4003 "Not authenticated"

  @documented @endpoint:liveavatar.avatars.id
  Scenario: One avatar by id
    OAS: the avatar's fields. Its type (VIDEO), status (ACTIVE) and default_voice's shape {id, name} are the emulator's.
    When I call LiveAvatar GET "/v1/avatars/dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"
    Then the response status is 200
    And the response field "data.id" is "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"
    And the response field "data.status" is "ACTIVE"
    And the response field "data.is_expired" is false
    And the response field "data.preview_url" matches "^https?://"
    And the response field "data.default_voice.id" matches "^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"

  @assumed @endpoint:liveavatar.avatars.id
  Scenario Outline: A malformed or unknown avatar id
    OAS types the id as uuid (FastAPI's 422 when it is not); the emulator answers an unknown one 404 4004.
    When I call LiveAvatar GET "/v1/avatars/<id>"
    Then the response is LiveAvatar error <status> <code> "<message>"

    Examples:
      | id                                   | status | code | message                                                              |
      | Wayne_20240711                       | 422    | 4000 | Request validation errors. path.avatar_id: Input should be a valid UUID |
      | 00000000-0000-4000-8000-000000000000 | 404    | 4004 | Avatar not found                                                     |

  @documented @endpoint:liveavatar.voices @endpoint:liveavatar.voices.id
  Scenario: Public voices, and one by id
    OAS: GET /v1/voices?voice_type=public and GET /v1/voices/{id}. The emulator's voices keep their names; their ids
    are UUIDs derived from the emulator's voice ids.
    When I call LiveAvatar GET "/v1/voices?voice_type=public"
    Then the response status is 200
    And the response field "data.results" has an item whose "name" is "Paul - Natural"
    And I remember the id of the item of "data.results" whose "name" is "Paul - Natural" as "voice_id"
    When I call LiveAvatar GET "/v1/voices/{voice_id}"
    Then the response status is 200
    And the response field "data.name" is "Paul - Natural"
    And the response field "data.language" is "en"
    And the response field "data.gender" is "male"
    And the response field "data.tags" has 0 items

  @assumed @endpoint:liveavatar.voices
  Scenario: No private voices
    OAS: private voices come from third-party providers (POST /v1/voices/third_party), which the offline emulator
    cannot reach: the list is empty. Another voice_type is FastAPI's 422.
    When I call LiveAvatar GET "/v1/voices?voice_type=private"
    Then the response field "data.count" is the number 0
    When I call LiveAvatar GET "/v1/voices?voice_type=cloned"
    Then the response is LiveAvatar error 422 4000 "Request validation errors. query.voice_type: Input should be 'public' or 'private'"

  @assumed @endpoint:liveavatar.voices.id
  Scenario: An unknown voice is 404 4004
    The emulator's choice, as for avatars.
    When I call LiveAvatar GET "/v1/voices/00000000-0000-4000-8000-000000000000"
    Then the response is LiveAvatar error 404 4004 "Voice not found"

  @documented @endpoint:liveavatar.languages
  Scenario: Languages need no credentials and are {language, code}
    OAS: GET /v1/languages without auth → [{language, code}]. The emulator lists what its synthesiser speaks.
    When I call LiveAvatar GET "/v1/languages" without credentials
    Then the response status is 200
    And the response field "data" has an item whose "code" is "en"
    And the response field "data" has an item whose "language" is "English"
