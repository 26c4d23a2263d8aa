namespace HeyGenEmulator.WebRtc.Rtcp;

/// <summary>A reception report block (RFC 3550 §6.4.1) about one of our SSRCs.</summary>
public sealed record ReportBlock(
    uint Ssrc, byte FractionLost, int CumulativeLost, uint ExtendedHighestSequence, uint Jitter,
    uint LastSenderReport, uint DelaySinceLastSenderReport)
{
    /// <summary>Fraction of packets lost since the previous report, 0..1.</summary>
    public double LossFraction => FractionLost / 256.0;

    /// <summary>
    /// Round-trip time from LSR/DLSR (RFC 3550 §6.4.1) given the arrival time of this report, or null if the peer has
    /// not received a Sender Report yet.
    /// </summary>
    public TimeSpan? RoundTripTime(DateTimeOffset arrival)
    {
        if (LastSenderReport == 0) return null;
        uint now = NtpTime.Middle32(NtpTime.FromDateTimeOffset(arrival));
        uint rtt = unchecked(now - LastSenderReport - DelaySinceLastSenderReport);
        if (rtt > 0x8000_0000) return TimeSpan.Zero; // clock jitter made it negative
        return TimeSpan.FromSeconds(rtt / 65536.0);
    }
}

public sealed record ReceiverReport(uint SenderSsrc, IReadOnlyList<ReportBlock> Blocks);

public sealed record SenderReportInfo(uint SenderSsrc, ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount,
    uint OctetCount, IReadOnlyList<ReportBlock> Blocks);

/// <summary>Picture Loss Indication (RFC 4585 §6.3.1): send a key frame on <see cref="MediaSsrc"/>.</summary>
public sealed record PictureLossIndication(uint SenderSsrc, uint MediaSsrc);

/// <summary>Full Intra Request (RFC 5104 §4.3.1) for one media SSRC; repeated requests keep the same sequence number.</summary>
public sealed record FullIntraRequest(uint SenderSsrc, uint MediaSsrc, byte SequenceNumber);

/// <summary>Generic NACK (RFC 4585 §6.2.1) with PID+BLP already expanded into the lost sequence numbers.</summary>
public sealed record GenericNack(uint SenderSsrc, uint MediaSsrc, IReadOnlyList<ushort> LostSequenceNumbers);

/// <summary>Everything of interest in one incoming compound RTCP packet. Unknown packet types are ignored.</summary>
public sealed record RtcpFeedback(
    IReadOnlyList<SenderReportInfo> SenderReports,
    IReadOnlyList<ReceiverReport> ReceiverReports,
    IReadOnlyList<PictureLossIndication> PictureLossIndications,
    IReadOnlyList<FullIntraRequest> FullIntraRequests,
    IReadOnlyList<GenericNack> Nacks)
{
    public static RtcpFeedback Empty { get; } = new([], [], [], [], []);

    public bool IsEmpty => SenderReports.Count == 0 && ReceiverReports.Count == 0 &&
        PictureLossIndications.Count == 0 && FullIntraRequests.Count == 0 && Nacks.Count == 0;

    /// <summary>True if the peer asked for a key frame on <paramref name="mediaSsrc"/> (PLI or FIR).</summary>
    public bool WantsKeyFrame(uint mediaSsrc) =>
        PictureLossIndications.Any(p => p.MediaSsrc == mediaSsrc) || FullIntraRequests.Any(f => f.MediaSsrc == mediaSsrc);

    /// <summary>All sequence numbers NACKed for <paramref name="mediaSsrc"/>, in order, duplicates removed.</summary>
    public IReadOnlyList<ushort> LostSequenceNumbers(uint mediaSsrc) =>
        Nacks.Where(n => n.MediaSsrc == mediaSsrc).SelectMany(n => n.LostSequenceNumbers).Distinct().ToList();
}
