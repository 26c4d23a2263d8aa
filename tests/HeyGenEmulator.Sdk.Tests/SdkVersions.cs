namespace HeyGenEmulator.Sdk.Tests;

public static class SdkVersions
{
    public const string V208 = "2.0.8";
    public const string V210 = "2.1.0";

    /// <summary>Every test theory runs once per bundled SDK version.</summary>
    public static TheoryData<string> All => new() { V208, V210 };

    /// <summary>
    /// The exact <c>streaming.new</c> body each SDK version sends for <c>{avatarName, quality}</c> and nothing else.
    /// 2.0.8 (lib/index.esm.js newSession): undefined keys drop out, <c>voice</c> stays as <c>{}</c>, as heygen-wire.md §4.2 shows.
    /// 2.1.0 (lib/index.esm.js L971–995): <c>voice.elevenlabs_settings</c> is always an object (its <c>model_id</c> undefined)
    /// and <c>ia_is_livekit_transport</c> is always a boolean.
    /// </summary>
    public static string NewSessionBody(string version, string avatarName, string quality) => version switch
    {
        V208 => $$"""{"avatar_name":"{{avatarName}}","quality":"{{quality}}","voice":{},"version":"v2","video_encoding":"H264","source":"sdk"}""",
        V210 => $$$"""{"avatar_name":"{{{avatarName}}}","quality":"{{{quality}}}","voice":{"elevenlabs_settings":{}},"version":"v2","video_encoding":"H264","source":"sdk","ia_is_livekit_transport":false}""",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, null),
    };
}
