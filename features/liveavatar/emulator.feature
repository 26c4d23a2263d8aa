@liveavatar @emulator-only
Feature: LiveAvatar sessions in the emulator's admin API, faults, journal and reset
  LiveAvatar's calls go through the same pipeline as HeyGen's: faults are set on endpoint names taken from the path
  (/v1/sessions/start → sessions.start), the journal records them with kind liveavatar and secrets masked, and reset
  clears LiveAvatar's sessions with HeyGen's.

  @assumed @endpoint:liveavatar.sessions.start
  Scenario: A fault on sessions.start answers in LiveAvatar's envelope
    The emulator's faults, named like HeyGen's endpoints; a fault on a LiveAvatar path is written in LiveAvatar's shape.
    Given a LiveAvatar FULL session token
    And the emulator injects the fault:
      """
      {"endpoint":"sessions.start","status":503,"code":5003,"message":"Service temporarily unavailable","times":1}
      """
    When I call LiveAvatar POST "/v1/sessions/start" with the session token
    Then the response is LiveAvatar error 503 5003 "Service temporarily unavailable"
    When I call LiveAvatar POST "/v1/sessions/start" with the session token
    Then the response status is 201

  @assumed @endpoint:liveavatar.sessions.token
  Scenario: The journal records LiveAvatar calls as kind liveavatar, secrets masked
    The emulator's journal: each call with its kind; no API key or session token in full.
    Given a started LiveAvatar FULL session
    Then the journal's last "/v1/sessions/token" call has status 200
    And the journal's last "/v1/sessions/token" call has field "kind" matching "^liveavatar$"
    And the journal's last "/v1/sessions/start" call has field "session_id" matching "^{la_session_id}$"
    And the journal holds neither the LiveAvatar key nor the session token in full

  @assumed @endpoint:liveavatar.sessions @endpoint:admin
  Scenario: Reset clears LiveAvatar sessions
    The emulator's reset: every session of both APIs goes.
    Given a started LiveAvatar FULL session
    When I call the admin API POST "/_emulator/reset"
    And I call LiveAvatar GET "/v1/sessions?type=active"
    Then the response field "data.count" is the number 0
    When I call LiveAvatar GET "/v1/sessions?type=historic"
    Then the response field "data.count" is the number 0
