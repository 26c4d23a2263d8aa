using HeyGenEmulator.WebRtc.Ice;

namespace HeyGenEmulator.WebRtc.Sdp;

/// <summary>
/// Checks a browser's answer against the offer we sent (parse our own offer text with <see cref="SdpParser"/>).
/// Returns every problem found, empty when the answer is usable by our stack: one bundled transport, DTLS
/// with us as server, rtcp-mux, and a codec we offered in each accepted media section.
/// </summary>
public static class SdpAnswerValidator
{
    public static IReadOnlyList<SdpValidationError> Validate(SessionDescription offer, SessionDescription answer)
    {
        var errors = new List<SdpValidationError>(answer.Problems);

        if (answer.Media.Count != offer.Media.Count
            || !answer.Media.Select(m => m.Mid).SequenceEqual(offer.Media.Select(m => m.Mid)))
        {
            errors.Add(new SdpValidationError(SdpErrorCode.MidMismatch,
                $"answer mids do not match offer (offer: {Mids(offer)}; answer: {Mids(answer)})"));
            return errors;
        }

        bool anyAccepted = false;
        for (int i = 0; i < offer.Media.Count; i++)
        {
            var o = offer.Media[i];
            var a = answer.Media[i];
            if (a.Media != o.Media)
            {
                errors.Add(new SdpValidationError(SdpErrorCode.MediaKindMismatch,
                    $"answer section {i} is '{a.Media}' but the offer has '{o.Media}'", a.Mid));
                continue;
            }
            if (a.IsRejected)
            {
                errors.Add(new SdpValidationError(SdpErrorCode.MediaRejected, $"{a.Media} section was rejected (port 0)", a.Mid));
                continue;
            }
            anyAccepted = true;
            CheckTransport(answer, a, errors);

            if (o.Kind is SdpMediaKind.Audio or SdpMediaKind.Video)
            {
                if (!a.RtcpMux)
                    errors.Add(new SdpValidationError(SdpErrorCode.MissingRtcpMux, "missing a=rtcp-mux", a.Mid));
                if (a.Direction is "sendonly" or "sendrecv")
                    errors.Add(new SdpValidationError(SdpErrorCode.InvalidDirection,
                        $"direction '{a.Direction}' is not compatible with our sendonly offer (expected recvonly)", a.Mid));
                bool common = a.PayloadTypes.Any(ap => o.PayloadTypes.Any(op =>
                    op.Id == ap.Id && op.ClockRate == ap.ClockRate
                    && string.Equals(op.Codec, ap.Codec, StringComparison.OrdinalIgnoreCase)));
                if (!common)
                    errors.Add(o.Kind == SdpMediaKind.Audio
                        ? new SdpValidationError(SdpErrorCode.NoCommonAudioCodec, "no common audio codec", a.Mid)
                        : new SdpValidationError(SdpErrorCode.NoCommonVideoCodec, "no common video codec", a.Mid));
            }
        }

        if (anyAccepted && offer.BundleMids.Count > 0)
        {
            var accepted = answer.Media.Where(m => !m.IsRejected).Select(m => m.Mid).ToArray();
            if (!accepted.All(mid => mid is not null && answer.BundleMids.Contains(mid)))
                errors.Add(new SdpValidationError(SdpErrorCode.NotBundled,
                    "answer must bundle all accepted sections (a=group:BUNDLE)"));
        }
        return errors;
    }

    /// <summary>Parses both texts and validates; a parse failure is reported as a Malformed error.</summary>
    public static IReadOnlyList<SdpValidationError> Validate(string offerSdp, string? answerSdp, out SessionDescription? answer)
    {
        answer = SdpParser.TryParse(answerSdp, out var answerError);
        if (answer is null) return [new SdpValidationError(SdpErrorCode.Malformed, $"malformed answer: {answerError}")];
        var offer = SdpParser.TryParse(offerSdp, out var offerError)
            ?? throw new ArgumentException($"our own offer does not parse: {offerError}", nameof(offerSdp));
        return Validate(offer, answer);
    }

    private static void CheckTransport(SessionDescription d, SdpMediaSection m, List<SdpValidationError> errors)
    {
        string? ufrag = d.EffectiveIceUfrag(m);
        string? pwd = d.EffectiveIcePwd(m);
        if (string.IsNullOrEmpty(ufrag))
            errors.Add(new SdpValidationError(SdpErrorCode.MissingIceUfrag, "missing ice-ufrag", m.Mid));
        else if (!IceCredentials.IsValidUfrag(ufrag))
            errors.Add(new SdpValidationError(SdpErrorCode.InvalidIceCredentials, "ice-ufrag must be 4–256 ice-chars", m.Mid));
        if (string.IsNullOrEmpty(pwd))
            errors.Add(new SdpValidationError(SdpErrorCode.MissingIcePwd, "missing ice-pwd", m.Mid));
        else if (!IceCredentials.IsValidPwd(pwd))
            errors.Add(new SdpValidationError(SdpErrorCode.InvalidIceCredentials, "ice-pwd must be 22–256 ice-chars", m.Mid));

        var fp = d.EffectiveFingerprint(m);
        if (fp is null)
        {
            if (!d.Problems.Any(p => p.Code == SdpErrorCode.InvalidFingerprint))
                errors.Add(new SdpValidationError(SdpErrorCode.MissingFingerprint, "missing fingerprint", m.Mid));
        }
        else if (SdpFingerprint.DigestLength(fp.Algorithm) is null || fp.Algorithm == "sha-1")
            errors.Add(new SdpValidationError(SdpErrorCode.UnsupportedFingerprintAlgorithm,
                $"unsupported fingerprint algorithm '{fp.Algorithm}' (use sha-256)", m.Mid));

        // We are always the DTLS server, so the browser must take the client (active) role.
        var setup = d.EffectiveSetup(m);
        if (setup is SdpSetup.Passive or SdpSetup.ActPass)
            errors.Add(new SdpValidationError(SdpErrorCode.InvalidSetup,
                $"answer setup must be active, not {SdpOfferBuilder.SetupText(setup.Value)}", m.Mid));
    }

    private static string Mids(SessionDescription d) => string.Join(",", d.Media.Select(m => m.Mid ?? "?"));
}
