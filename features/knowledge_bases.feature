Feature: Knowledge bases
  GET /v1/streaming/knowledge_base/list, POST /v1/streaming/knowledge_base/create {name, opening, prompt},
  POST /v1/streaming/knowledge_base/{id} (update) and POST /v1/streaming/knowledge_base/{id}/delete, with the API key
  (changelog "Knowledge Base Management Endpoints", https://docs.heygen.com/reference/list-knowledge-bases,
  https://docs.heygen.com/reference/create-a-knowledge-base). HeyGen documents the paths and the create fields; the
  answers' shapes beyond data.id are not published: public clients read the list as data.list of {id, name, opening,
  prompt}, which the emulator answers, with created_at/updated_at in unix seconds like its other lists. Each API key
  has its own knowledge bases. streaming.new takes one as knowledge_base_id (the SDK) or knowledge_id (Pipecat).

  @documented @endpoint:streaming.knowledge_base.create @endpoint:streaming.knowledge_base.list
  Scenario: A created knowledge base is listed with its name, opening and prompt
    When the client creates the knowledge base "Support desk" with opening "Hello, I am the support desk." and prompt "Answer questions about the product."
    And the client lists its knowledge bases
    Then the client's knowledge bases are:
      | id                  | name         | opening                       | prompt                              |
      | {knowledge_base_id} | Support desk | Hello, I am the support desk. | Answer questions about the product. |

  @assumed @endpoint:streaming.knowledge_base.create
  Scenario: create answers with the knowledge base in the success envelope
    HeyGen's docs show data.id; the rest of data and the envelope follow the streaming API's other answers.
    When I POST "/v1/streaming/knowledge_base/create" with the API key and body:
      """
      {"name":"Tour guide","opening":"Welcome to the museum.","prompt":"Talk about paintings."}
      """
    Then the response status is 200
    And the response field "code" is "100"
    And the response field "data.id" matches "^[0-9a-f]{32}$"
    And the response field "data.name" is "Tour guide"
    And the response field "data.opening" is "Welcome to the museum."
    And the response field "data.created_at" matches "^[0-9]{10}$"

  @assumed @endpoint:streaming.knowledge_base.update
  Scenario: update changes only the fields it is given
    Given the client has created the knowledge base "Tour guide" with opening "Welcome to the museum." and prompt "Talk about paintings."
    When the client updates the knowledge base's opening to "Welcome back to the museum."
    And the client lists its knowledge bases
    Then the client's knowledge bases are:
      | name       | opening                     | prompt                |
      | Tour guide | Welcome back to the museum. | Talk about paintings. |

  @assumed @endpoint:streaming.knowledge_base.delete @endpoint:streaming.knowledge_base.list
  Scenario: delete removes the knowledge base
    Given the client has created the knowledge base "Short lived" with opening "Hi." and prompt "Be brief."
    When the client deletes the knowledge base "{knowledge_base_id}"
    Then the client's call succeeds
    When the client lists its knowledge bases
    Then the client's knowledge bases are:
      | name |

  @assumed @endpoint:streaming.knowledge_base.create
  Scenario: A knowledge base needs a name
    HeyGen publishes no error for it; the emulator answers as for any missing field (40001).
    When I POST "/v1/streaming/knowledge_base/create" with the API key and body:
      """
      {"opening":"Hello.","prompt":"Be nice."}
      """
    Then the response is HeyGen error 400 40001 "Missing required input parameters: name"

  @assumed @endpoint:streaming.knowledge_base.create
  Scenario: Field lengths are bounded
    HeyGen publishes no limits; the emulator's are name 256, opening 2000, prompt 20000 characters.
    When I POST "/v1/streaming/knowledge_base/create" with the API key and body:
      """
      {"name":"This name is far too long for the emulator's knowledge-base name limit, which is two hundred and fifty-six characters, so it keeps going on and on with more words than anyone would ever give a knowledge base, just to be sure it crosses the line at last: there!","opening":"Hi."}
      """
    Then the response is HeyGen error 400 400175 "Invalid parameter: name is 260 characters long; the limit is 256"

  @assumed @endpoint:streaming.knowledge_base.update @endpoint:streaming.knowledge_base.delete
  Scenario: Another key's knowledge base is as unknown as a missing one
    Keys never see each other's knowledge bases; the 404 body is the emulator's (HeyGen publishes none).
    Given the "other" key has the knowledge base "Not yours"
    When I POST "/v1/streaming/knowledge_base/{other_knowledge_base_id}" with the API key and body:
      """
      {"name":"Mine now"}
      """
    Then the response is HeyGen error 404 40004 "Knowledge base not found"
    When I POST "/v1/streaming/knowledge_base/{other_knowledge_base_id}/delete" with the API key and body:
      """
      {}
      """
    Then the response is HeyGen error 404 40004 "Knowledge base not found"
    When the client lists its knowledge bases
    Then the client's knowledge bases are:
      | name |

  @documented @endpoint:streaming.knowledge_base.list
  Scenario: The knowledge-base endpoints need the API key
    When I GET "/v1/streaming/knowledge_base/list" without credentials
    Then the response is HeyGen error 401 400112 "Unauthorized"

  @assumed @endpoint:streaming.new @endpoint:streaming.knowledge_base.create
  Scenario Outline: streaming.new with a knowledge base this key does not own is refused
    HeyGen documents knowledge_base_id (and Pipecat sends knowledge_id) but not the error for an unknown one; the
    emulator refuses it at once rather than starting a session that cannot use it.
    Given the "other" key has the knowledge base "Not yours"
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","version":"v2","<field>":"<id>"}
      """
    Then the response is HeyGen error 400 400175 "Invalid parameter: <field> '<shown>' is not a knowledge base of this API key"

    Examples:
      | field             | id                        | shown                            |
      | knowledge_base_id | 0123456789abcdef          | 0123456789abcdef                 |
      | knowledge_id      | {other_knowledge_base_id} | {other_knowledge_base_id}        |

  @emulator-only @assumed @endpoint:streaming.new @endpoint:streaming.task
  Scenario Outline: With a knowledge base, talk and chat replies start from its opening
    No LLM stands behind the emulator: the reply is the knowledge base's opening, then "You said: <text>".
    Given the client has created the knowledge base "Greeter" with opening "Hello, I am Greeter." and prompt "Greet people."
    And a started session with body:
      """
      {"avatar_name":"Santa_Fireplace_Front_public","quality":"low","voice":{},"version":"v2","<field>":"{knowledge_base_id}"}
      """
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","text":"Who are you?","task_type":"<type>","task_mode":"async"}
      """
    And I call the admin API GET "/_emulator/sessions"
    Then the response field "[0].tasks[0].text" is "Hello, I am Greeter. You said: Who are you?"

    Examples:
      | field             | type |
      | knowledge_base_id | talk |
      | knowledge_id      | chat |
