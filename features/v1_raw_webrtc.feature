@media-parity
Feature: v1 raw-WebRTC signalling
  Without "version":"v2", streaming.new returns the server's SDP offer and ice_servers2; streaming.start takes the
  client's answer as sdp:{type,sdp}; streaming.ice takes trickled candidates
  (heygen-wire.md §4.1 #3, #13, DOC-RAWWEBRTC, seed 003's demo page).
  Tagged media-parity: the API's answers do not depend on whether media is on, so test.sh runs this feature a
  second time against an emulator started with Emulator:Media:Enabled=false.

  @documented @endpoint:streaming.new
  Scenario: streaming.new without a version returns an SDP offer
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"quality":"high","avatar_name":"","voice":{"voice_id":""}}
      """
    Then the response status is 200
    And the response field "data.sdp.type" is "offer"
    And the response field "data.sdp.sdp" matches "^v=0\r\n"
    And the response field "data.sdp.sdp" matches "m=audio .*\r\n(.*\r\n)*m=video "
    And the response field "data.ice_servers2" has 0 items

  @assumed @endpoint:streaming.start
  Scenario: streaming.start of a v1 session needs the answer
    Given a new session with body:
      """
      {"quality":"low","avatar_name":"Santa_Fireplace_Front_public"}
      """
    When I POST "/v1/streaming.start" with body:
      """
      {"session_id":"{session_id}"}
      """
    Then the response is HeyGen error 400 40001 "Missing required input parameters: sdp"
    And the session state is "new"

  @assumed @endpoint:streaming.start
  Scenario Outline: A malformed answer is refused and the session stays new
    Given a new session with body:
      """
      {"quality":"low","avatar_name":"Santa_Fireplace_Front_public"}
      """
    When I POST "/v1/streaming.start" with body:
      """
      {"session_id":"{session_id}","sdp":<sdp>}
      """
    Then the response is HeyGen error 400 <code> "<message>"
    And the session state is "new"

    Examples:
      | sdp                                   | code   | message                                                         |
      | {"type":"offer","sdp":"v=0"}          | 400175 | Invalid parameter: sdp.type must be one of: answer (got 'offer') |
      | {"type":"answer","sdp":"hello"}       | 400175 | Invalid parameter: sdp.sdp is not an SDP description (must start with v=0) |
      | {"type":"answer"}                     | 40001  | Missing required input parameters: sdp.sdp                      |
      | "v=0"                                 | 400175 | Invalid parameter: sdp must be an object, not a string          |

  @documented @endpoint:streaming.ice
  Scenario: A trickled candidate is accepted
    Given a new session with body:
      """
      {"quality":"low","avatar_name":"Santa_Fireplace_Front_public"}
      """
    When I POST "/v1/streaming.ice" with body:
      """
      {"session_id":"{session_id}","candidate":{"candidate":"candidate:842163049 1 udp 1677729535 127.0.0.1 53211 typ host generation 0 ufrag Abcd network-cost 999","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"Abcd"}}
      """
    Then the response status is 200

  @assumed @endpoint:streaming.ice
  Scenario Outline: A malformed candidate is refused
    Given a new session with body:
      """
      {"quality":"low","avatar_name":"Santa_Fireplace_Front_public"}
      """
    When I POST "/v1/streaming.ice" with body:
      """
      {"session_id":"{session_id}"<candidate>}
      """
    Then the response is HeyGen error 400 <code> "<message>"

    Examples:
      | candidate                                  | code   | message                                                                                 |
      |                                            | 40001  | Missing required input parameters: candidate                                           |
      | ,"candidate":"candidate:1 1 udp"           | 400175 | Invalid parameter: candidate must be an object, not a string                           |
      | ,"candidate":{"candidate":"bogus"}         | 400175 | Invalid parameter: candidate.candidate must start with 'candidate:' (or be empty for end-of-candidates) |
      | ,"candidate":{"candidate":"candidate:1 1 udp 1 127.0.0.1 1 typ host","sdpMLineIndex":"0"} | 400175 | Invalid parameter: candidate.sdpMLineIndex must be an integer, not a string |

  @documented @endpoint:streaming.ice
  Scenario: Candidates for a closed session are refused
    Given a stopped session
    When I POST "/v1/streaming.ice" with body:
      """
      {"session_id":"{session_id}","candidate":{"candidate":"","sdpMid":"0","sdpMLineIndex":0}}
      """
    Then the response is HeyGen error 400 10005 "Session state wrong: closed"

  @assumed @endpoint:streaming.new
  Scenario: The offer is ICE-lite on one UDP port, with a host candidate and a DTLS fingerprint
    When I POST "/v1/streaming.new" with the API key and body:
      """
      {"quality":"low","avatar_name":"Santa_Fireplace_Front_public","video_encoding":"H264"}
      """
    Then the response field "data.sdp.sdp" matches "\r\na=ice-lite\r\n"
    And the response field "data.sdp.sdp" matches "\r\na=candidate:\S+ 1 udp \d+ \S+ \d+ typ host"
    And the response field "data.sdp.sdp" matches "\r\na=fingerprint:sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}\r\n"
    And the response field "data.sdp.sdp" matches "\r\na=rtpmap:102 H264/90000\r\n"
    And the response field "data.sdp.sdp" matches "\r\na=rtpmap:111 opus/48000/2\r\n"

  @assumed @endpoint:streaming.start
  Scenario: An answer that does not match the offer is refused, naming the mismatch
    Given a new session with body:
      """
      {"quality":"low","avatar_name":"Santa_Fireplace_Front_public"}
      """
    When I POST "/v1/streaming.start" with body:
      """
      {"session_id":"{session_id}","sdp":{"type":"answer","sdp":"v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n"}}
      """
    Then the response is HeyGen error 400 400175 "Invalid parameter: sdp: answer mids do not match offer (offer: 0,1; answer: 0)"
    And the session state is "new"

  @assumed @endpoint:streaming.ice
  Scenario Outline: A candidate that cannot belong to the offer is refused
    Given a new session with body:
      """
      {"quality":"low","avatar_name":"Santa_Fireplace_Front_public"}
      """
    When I POST "/v1/streaming.ice" with body:
      """
      {"session_id":"{session_id}","candidate":{"candidate":"<candidate>","sdpMid":"<mid>","sdpMLineIndex":0}}
      """
    Then the response is HeyGen error 400 400175 "<message>"

    Examples:
      | candidate                                            | mid | message                                                 |
      | candidate:1 1 udp 1 127.0.0.1 notaport typ host      | 0   | Invalid parameter: candidate: bad port                  |
      | candidate:1 1 udp 1 127.0.0.1 5000 typ host          | 7   | Invalid parameter: candidate: sdpMid '7' is not in the offer (0,1) |
