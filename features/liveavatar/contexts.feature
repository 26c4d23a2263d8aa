@liveavatar
Feature: LiveAvatar contexts
  GET and POST /v1/contexts, GET, PATCH and DELETE /v1/contexts/{id} with the X-API-KEY; a context is
  {name, prompt, opening_text, links?: [{url, faq, id?}]}; the list gives {id, name, created_at, updated_at} and the
  detail adds prompt, opening_text, links and required_dynamic_variables (OAS, liveavatar-wire.md §3). Unknown fields
  are dropped (PROBE). Contexts replace HeyGen's knowledge bases (D-MIG); a FULL token names one as
  avatar_persona.context_id, and its opening_text is what the avatar opens with. Each key has its own.

  @documented @endpoint:liveavatar.contexts @endpoint:liveavatar.contexts.id
  Scenario: A created context is listed and read back in full
    OAS shapes; POST answering the detail with 200 is the emulator's choice.
    When I call LiveAvatar POST "/v1/contexts" with body:
      """
      {"name":"Support desk","prompt":"Answer questions about the product.","opening_text":"Hello, I am the support desk.","links":[{"url":"https://example.com/faq","faq":"Opening hours: 9-5"}],"colour":"ignored"}
      """
    Then the response status is 200
    And the response is LiveAvatar success
    And the response field "data.id" matches "^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$"
    And the response field "data.opening_text" is "Hello, I am the support desk."
    And the response field "data.links[0].url" is "https://example.com/faq"
    And the response field "data.required_dynamic_variables" has 0 items
    And the response has no field "data.colour"
    And I remember the response field "data.id" as "context_id"
    When I call LiveAvatar GET "/v1/contexts"
    Then the response field "data.results" has an item whose "id" is "{context_id}"
    And the response field "data.results[0].name" is "Support desk"
    And the response has no field "data.results[0].prompt"
    When I call LiveAvatar GET "/v1/contexts/{context_id}"
    Then the response field "data.prompt" is "Answer questions about the product."

  @documented @endpoint:liveavatar.contexts.id
  Scenario: PATCH changes only the fields it is given
    OAS: PATCH /v1/contexts/{id}.
    When I call LiveAvatar POST "/v1/contexts" with body:
      """
      {"name":"Tour guide","prompt":"Talk about paintings.","opening_text":"Welcome to the museum."}
      """
    Then I remember the response field "data.id" as "context_id"
    When I call LiveAvatar PATCH "/v1/contexts/{context_id}" with body:
      """
      {"opening_text":"Welcome back to the museum."}
      """
    Then the response status is 200
    When I call LiveAvatar GET "/v1/contexts/{context_id}"
    Then the response field "data.opening_text" is "Welcome back to the museum."
    And the response field "data.name" is "Tour guide"
    And the response field "data.prompt" is "Talk about paintings."

  @documented @endpoint:liveavatar.contexts.id
  Scenario: DELETE removes the context
    OAS: DELETE /v1/contexts/{id}; an id the key does not have is then 404 4004 (the emulator's code).
    When I call LiveAvatar POST "/v1/contexts" with body:
      """
      {"name":"Short lived","prompt":"Be brief.","opening_text":"Hi."}
      """
    Then I remember the response field "data.id" as "context_id"
    When I call LiveAvatar DELETE "/v1/contexts/{context_id}"
    Then the response status is 200
    And the response is LiveAvatar success
    When I call LiveAvatar GET "/v1/contexts/{context_id}"
    Then the response is LiveAvatar error 404 4004 "Context not found"

  @assumed @endpoint:liveavatar.contexts
  Scenario: A context needs a name, a prompt and an opening text
    OAS lists the three as the body; FastAPI's 422 names the missing one.
    When I call LiveAvatar POST "/v1/contexts" with body:
      """
      {"prompt":"Be nice.","opening_text":"Hello."}
      """
    Then the response is LiveAvatar error 422 4000 "Request validation errors. body.name: Field required"

  @assumed @endpoint:liveavatar.contexts.id
  Scenario: A malformed context id is the 422
    OAS types the id as uuid.
    When I call LiveAvatar GET "/v1/contexts/support-desk"
    Then the response is LiveAvatar error 422 4000 "Request validation errors. path.context_id: Input should be a valid UUID"

  @assumed @endpoint:liveavatar.sessions.token @endpoint:liveavatar.contexts
  Scenario: A FULL token names one of the key's contexts
    OAS: avatar_persona.context_id. A context_id the key does not have is refused at the token call with 404 4004
    (the emulator's choice: the session could not open with it); a known one is accepted and travels in the token.
    When I call LiveAvatar POST "/v1/sessions/token" with body:
      """
      {"mode":"FULL","avatar_id":"dd73ea75-1218-4ef3-92ce-606d5f7fbc0a","avatar_persona":{"context_id":"00000000-0000-4000-8000-000000000000"}}
      """
    Then the response is LiveAvatar error 404 4004 "Context not found"
    When I call LiveAvatar POST "/v1/contexts" with body:
      """
      {"name":"Greeter","prompt":"Greet people.","opening_text":"Welcome to the shop."}
      """
    Then I remember the response field "data.id" as "context_id"
    When I call LiveAvatar POST "/v1/sessions/token" with body:
      """
      {"mode":"FULL","avatar_id":"dd73ea75-1218-4ef3-92ce-606d5f7fbc0a","avatar_persona":{"context_id":"{context_id}"}}
      """
    Then the response status is 200
    And the session token's payload field "start_session_data.avatar_persona.context_id" is "{context_id}"
