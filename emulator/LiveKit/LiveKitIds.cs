using System.Security.Cryptography;

namespace HeyGenEmulator.LiveKit;

/// <summary>LiveKit-style ids: <c>RM_</c> room, <c>PA_</c> participant, <c>TR_</c> track (the clients check the prefixes).</summary>
public static class LiveKitIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Room() => New("RM_");
    public static string Participant() => New("PA_");
    public static string Track() => New("TR_");

    public static string New(string prefix)
    {
        Span<char> chars = stackalloc char[12];
        for (int i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return prefix + new string(chars);
    }
}
