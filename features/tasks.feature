Feature: Tasks and interrupt
  streaming.task makes the avatar speak and answers {task_id, duration_ms} (heygen-wire.md §4.1 #4, DISC-TASK200).
  No LLM stands behind the emulator: "repeat" speaks the text, "talk" and "chat" speak "You said: <text>".

  @documented @endpoint:streaming.task
  Scenario: A task answers with a task id and a duration
    Given a started session
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","text":"Hello, I am your avatar.","task_type":"repeat","task_mode":"async"}
      """
    Then the response status is 200
    And the response field "code" is "100"
    And the response field "data.task_id" matches "^[0-9a-f-]{36}$"
    And the response field "data.duration_ms" is a positive number

  @documented @endpoint:streaming.task
  Scenario: Unknown fields in a task are ignored
    Given a started session
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","text":"Hello","interrupt":true,"something_else":[1,2,3]}
      """
    Then the response status is 200

  @emulator-only @assumed @endpoint:streaming.task
  Scenario: talk answers with the emulator's deterministic reply
    Given a started session
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","text":"What is the weather?","task_type":"talk","task_mode":"async"}
      """
    And I call the admin API GET "/_emulator/sessions"
    Then the response field "[0].tasks[0].text" is "You said: What is the weather?"
    And the response field "[0].talking" is true

  @emulator-only @documented @endpoint:streaming.task
  Scenario: A task without task_mode is sync: it answers once the avatar has finished speaking
    https://docs.heygen.com/reference/send-task: task_mode "sync and async; default is sync". The SDK sends task_mode
    only when the caller sets it, so SDK calls without it get this default too.
    Given a started session
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","text":"Short and sync.","task_type":"repeat"}
      """
    Then the response status is 200
    When I call the admin API GET "/_emulator/sessions"
    Then the response field "[0].talking" is false
    And the response field "[0].tasks[0].text" is "Short and sync."

  @emulator-only @assumed @endpoint:streaming.task
  Scenario: A task without task_type is a repeat
    The docs list repeat and chat but name no default; repeat is what their own description does with the text.
    Given a started session
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","text":"Say exactly this."}
      """
    And I call the admin API GET "/_emulator/sessions"
    Then the response field "[0].tasks[0].task_type" is "repeat"
    And the response field "[0].tasks[0].text" is "Say exactly this."

  @emulator-only @assumed @endpoint:streaming.task
  Scenario: The avatar stops talking after duration_ms
    Given a started session
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","text":"One two three four five six seven eight nine ten.","task_mode":"async"}
      """
    Then the response status is 200
    When I call the admin API GET "/_emulator/sessions"
    Then the response field "[0].talking" is true
    When the emulator clock advances by 10 seconds
    And I call the admin API GET "/_emulator/sessions"
    Then the response field "[0].talking" is false

  @emulator-only @documented @endpoint:streaming.task @endpoint:streaming.interrupt
  Scenario: Interrupt stops the avatar at once
    Given a started session
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","text":"This is a long sentence that the avatar will not be allowed to finish speaking.","task_mode":"async"}
      """
    Then the response status is 200
    When I call the admin API GET "/_emulator/sessions"
    Then the response field "[0].talking" is true
    When I POST "/v1/streaming.interrupt" with body:
      """
      {"session_id":"{session_id}"}
      """
    Then the response status is 200
    When I call the admin API GET "/_emulator/sessions"
    Then the response field "[0].talking" is false

  @documented @endpoint:streaming.task
  Scenario: A task without text is a missing parameter
    Given a started session
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}"}
      """
    Then the response is HeyGen error 400 40001 "Missing required input parameters: text"

  @assumed @endpoint:streaming.task
  Scenario: An unknown task_type is an invalid parameter
    Given a started session
    When I POST "/v1/streaming.task" with body:
      """
      {"session_id":"{session_id}","text":"hi","task_type":"sing"}
      """
    Then the response is HeyGen error 400 400175 "Invalid parameter: task_type must be one of: talk, repeat, chat (got 'sing')"

  @assumed @endpoint:streaming.task
  Scenario: Task text over the emulator's length limit is an invalid parameter
    # HeyGen publishes no limit; the emulator's (Emulator:MaxTaskTextLength, 5000) keeps speech synthesis bounded.
    Given a started session
    When I POST "/v1/streaming.task" for the session with a text of 5001 characters
    Then the response is HeyGen error 400 400175 "Invalid parameter: text is 5001 characters long; the limit is 5000"

  @documented @endpoint:streaming.start_listening @endpoint:streaming.stop_listening
  Scenario: start_listening and stop_listening succeed on a connected session
    Given a started session
    When I POST "/v1/streaming.start_listening" with body:
      """
      {"session_id":"{session_id}"}
      """
    Then the response status is 200
    When I POST "/v1/streaming.stop_listening" with body:
      """
      {"session_id":"{session_id}"}
      """
    Then the response status is 200
