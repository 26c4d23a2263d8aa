using System.Security.Cryptography;
using System.Text;

namespace HeyGenEmulator.Catalogue;

/// <summary>One LiveAvatar avatar: its UUID, and the emulator avatar whose clips it streams.</summary>
public sealed record LiveAvatarAvatar(string Id, string Name, Avatar Media, bool Sandbox);

/// <summary>
/// LiveAvatar's avatars: UUIDs (OAS). The sandbox's only avatar, Wayne <c>dd73ea75-1218-4ef3-92ce-606d5f7fbc0a</c>
/// (D-SBX), streams the emulator's Wayne; every other interactive avatar of <see cref="AvatarCatalogue"/> is listed
/// under a UUID derived from its HeyGen id, the same in every run.
/// </summary>
public sealed class LiveAvatarCatalogue
{
    public const string SandboxAvatarId = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a";
    private const string SandboxMedia = "Wayne_20240711";

    private readonly Dictionary<string, LiveAvatarAvatar> _avatars = new(StringComparer.OrdinalIgnoreCase);

    public LiveAvatarCatalogue(AvatarCatalogue avatars)
    {
        foreach (var avatar in avatars.All.Where(a => a.Kind == AvatarKind.Interactive))
        {
            var sandbox = avatar.Id == SandboxMedia;
            var id = sandbox ? SandboxAvatarId : NameUuid("liveavatar:" + avatar.Id);
            _avatars[id] = new LiveAvatarAvatar(id, avatar.Name, avatar, sandbox);
        }
    }

    public IEnumerable<LiveAvatarAvatar> All => _avatars.Values.OrderBy(a => a.Name, StringComparer.Ordinal);

    public LiveAvatarAvatar? Find(string? id) => id is not null && _avatars.TryGetValue(id.Trim(), out var a) ? a : null;

    /// <summary>A name-based UUID (version 5 layout, over SHA-256), so a configured avatar or voice keeps its LiveAvatar id.</summary>
    public static string NameUuid(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return $"{Convert.ToHexStringLower(hash, 0, 4)}-{Convert.ToHexStringLower(hash, 4, 2)}-{Convert.ToHexStringLower(hash, 6, 2)}-{Convert.ToHexStringLower(hash, 8, 2)}-{Convert.ToHexStringLower(hash, 10, 6)}";
    }
}
