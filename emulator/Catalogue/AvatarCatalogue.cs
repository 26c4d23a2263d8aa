using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Catalogue;

public enum AvatarKind { Interactive, Deprecated, Studio }

public sealed record Avatar(string Id, string Name, AvatarKind Kind, string DefaultVoice, string? Video, DateTimeOffset CreatedAt);

/// <summary>
/// Avatars the emulator knows. Interactive ones stream; deprecated ones (older avatar versions, like seed 000's
/// <c>73c84e2b…</c>) give HeyGen's 400 "avatar version is deprecated"; studio ones exist but are not streamable.
/// </summary>
public sealed class AvatarCatalogue
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1_719_792_000); // 2024-07-01

    private static readonly (string Id, string Name, AvatarKind Kind)[] Defaults =
    [
        ("Wayne_20240711", "Wayne", AvatarKind.Interactive),
        ("Santa_Fireplace_Front_public", "Santa Fireplace Front", AvatarKind.Interactive),
        ("Ann_Therapist_public", "Ann Therapist", AvatarKind.Interactive),
        ("Shawn_Therapist_public", "Shawn Therapist", AvatarKind.Interactive),
        ("Dexter_Doctor_Standing2_public", "Dexter Doctor Standing", AvatarKind.Interactive),
        ("Elenora_IT_Sitting_public", "Elenora IT Sitting", AvatarKind.Interactive),
        ("73c84e2b886940099c5793b085150f2f", "Angelino Outdoor", AvatarKind.Deprecated),
        ("josh_lite3_20230714", "Josh Lite 3", AvatarKind.Deprecated),
        ("Adrian_public_3_20240312", "Adrian (studio)", AvatarKind.Studio),
    ];

    private readonly Dictionary<string, Avatar> _avatars = new(StringComparer.Ordinal);

    public AvatarCatalogue(IOptions<EmulatorOptions> options, VoiceCatalogue voices)
    {
        var o = options.Value;
        foreach (var (id, name, kind) in Defaults)
            _avatars[id] = new Avatar(id, name, kind, voices.DefaultVoiceId, null, Epoch);
        foreach (var (id, a) in o.Avatars)
        {
            var kind = Enum.TryParse<AvatarKind>(a.Kind, ignoreCase: true, out var k) ? k : AvatarKind.Interactive;
            _avatars[id] = new Avatar(id, a.Name ?? id, kind, a.DefaultVoice ?? voices.DefaultVoiceId, a.Video, Epoch);
        }
        DefaultAvatarId = o.DefaultAvatarId;
        if (!_avatars.ContainsKey(DefaultAvatarId))
            _avatars[DefaultAvatarId] = new Avatar(DefaultAvatarId, DefaultAvatarId, AvatarKind.Interactive, voices.DefaultVoiceId, null, Epoch);
    }

    public string DefaultAvatarId { get; }

    public IEnumerable<Avatar> All => _avatars.Values.OrderBy(a => a.Id, StringComparer.Ordinal);

    /// <summary>Resolves a requested id (empty or "default" means the default avatar) or throws the matching HeyGen error.</summary>
    public Avatar Resolve(string? requested)
    {
        var id = string.IsNullOrWhiteSpace(requested) || requested == "default" ? DefaultAvatarId : requested.Trim();
        if (!_avatars.TryGetValue(id, out var avatar)) throw HeyGenErrors.AvatarNotFound.ToException();
        return avatar.Kind switch
        {
            AvatarKind.Deprecated => throw HeyGenErrors.AvatarDeprecated.ToException(),
            AvatarKind.Studio => throw HeyGenErrors.AvatarNotAllowed.ToException(),
            _ => avatar,
        };
    }
}
