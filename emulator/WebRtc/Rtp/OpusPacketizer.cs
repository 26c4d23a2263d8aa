namespace HeyGenEmulator.WebRtc.Rtp;

/// <summary>Opus over RTP (RFC 7587): one Opus packet per RTP packet, no marker (we send continuous audio).</summary>
public sealed class OpusPacketizer : IRtpPacketizer
{
    public void Packetize(ReadOnlySpan<byte> frame, IRtpPayloadSink sink)
    {
        if (frame.IsEmpty) return;
        frame.CopyTo(sink.NextPayload());
        sink.Commit(frame.Length, false);
    }

    /// <summary>Samples at 48 kHz covered by an Opus packet, from its TOC byte (RFC 6716 §3.1); 0 if malformed.</summary>
    public static int SamplesPerPacket(ReadOnlySpan<byte> packet)
    {
        if (packet.IsEmpty) return 0;
        int config = packet[0] >> 3;
        int frameSamples = config switch
        {
            < 12 => (config & 3) switch { 0 => 480, 1 => 960, 2 => 1920, _ => 2880 }, // SILK 10/20/40/60 ms
            < 16 => (config & 1) == 0 ? 480 : 960,                                  // hybrid 10/20 ms
            _ => (config & 3) switch { 0 => 120, 1 => 240, 2 => 480, _ => 960 },     // CELT 2.5/5/10/20 ms
        };
        int frames = (packet[0] & 3) switch
        {
            0 => 1,
            1 or 2 => 2,
            _ => packet.Length >= 2 ? packet[1] & 0x3F : 0,
        };
        long total = (long)frames * frameSamples;
        return total > 5760 ? 0 : (int)total; // RFC 6716: at most 120 ms per packet
    }
}
