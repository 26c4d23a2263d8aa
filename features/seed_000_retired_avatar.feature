@sdk
Feature: Seed 000 — "400 on streaming.new" with avatar 73c84e2b…
  A user of SDK 2.0.8 called createStartAvatar({avatarName:'73c84e2b886940099c5793b085150f2f', quality: low}) and saw
  only "API request failed with status 400": the SDK never parses the body (heygen-wire.md §1.2, §10). The kit shows
  the body HeyGen sends for an older-generation avatar, which names the cause. Runs once per SDK client (@sdk): the
  official SDK 2.0.8 and 2.1.0 in Chromium, and our C# client, which mirrors the SDK's APIError.

  @documented @endpoint:streaming.new @endpoint:streaming.start
  Scenario: The SDK reports only the status; the body says the avatar version is deprecated
    When the SDK calls createStartAvatar with avatarName "73c84e2b886940099c5793b085150f2f" and quality "low"
    Then the SDK call fails with the message "API request failed with status 400"
    And the SDK error's status is 400
    And the SDK error's responseText is:
      """
      {"code":10003,"message":"avatar version is deprecated, please update to v3+","details":"invalid avatar"}
      """

  @documented @endpoint:streaming.new @endpoint:streaming.start
  Scenario: The same call with a current public avatar works
    When the SDK calls createStartAvatar with avatarName "Santa_Fireplace_Front_public" and quality "low"
    Then the SDK call succeeds
    And the session state is "connected"
