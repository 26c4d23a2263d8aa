namespace HeyGenEmulator.WebRtc.Stun;

/// <summary>Fixed values of the STUN wire format (RFC 8489 §5, §14).</summary>
public static class StunConstants
{
    public const uint MagicCookie = 0x2112A442;
    public const int HeaderLength = 20;
    public const int TransactionIdLength = 12;

    /// <summary>XORed into the CRC-32 so a STUN FINGERPRINT never equals a CRC another protocol would compute.</summary>
    public const uint FingerprintXor = 0x5354554E;

    public const int MessageIntegrityLength = 20;
    public const int FingerprintLength = 4;

    public const ushort BindingMethod = 0x001;
}

/// <summary>Attribute type codes this stack understands (RFC 8489 §18.3, RFC 8445 §16.1).</summary>
public static class StunAttributeType
{
    public const ushort MappedAddress = 0x0001;
    public const ushort Username = 0x0006;
    public const ushort MessageIntegrity = 0x0008;
    public const ushort ErrorCode = 0x0009;
    public const ushort UnknownAttributes = 0x000A;
    public const ushort XorMappedAddress = 0x0020;
    public const ushort Priority = 0x0024;
    public const ushort UseCandidate = 0x0025;
    public const ushort Software = 0x8022;
    public const ushort Fingerprint = 0x8028;
    public const ushort IceControlled = 0x8029;
    public const ushort IceControlling = 0x802A;
}

/// <summary>The two class bits of a STUN message type.</summary>
public enum StunClass
{
    Request = 0,
    Indication = 1,
    SuccessResponse = 2,
    ErrorResponse = 3,
}

/// <summary>Packs and unpacks the interleaved method/class bits of the 14-bit message type.</summary>
public static class StunMessageType
{
    public const ushort BindingRequest = 0x0001;
    public const ushort BindingIndication = 0x0011;
    public const ushort BindingSuccess = 0x0101;
    public const ushort BindingError = 0x0111;

    public static ushort Compose(ushort method, StunClass cls)
    {
        int c = (int)cls;
        return (ushort)((method & 0x000F)
            | ((method & 0x0070) << 1)
            | ((method & 0x0F80) << 2)
            | ((c & 1) << 4)
            | ((c & 2) << 7));
    }

    public static ushort Method(ushort type) =>
        (ushort)((type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2));

    public static StunClass Class(ushort type) =>
        (StunClass)(((type >> 4) & 1) | ((type >> 7) & 2));
}
