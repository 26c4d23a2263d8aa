namespace HeyGenEmulator.Api;

/// <summary>
/// LiveAvatar's REST API (liveavatar-wire.md §3) on the emulator's port beside HeyGen's: its sessions, avatars, voices, languages and contexts, and the LITE
/// socket at each LITE session's <c>ws_url</c>. Each endpoint reads: authenticate → read and check the request →
/// the session layer acts → LiveAvatar's envelope (<c>code: 1000</c>).
/// </summary>
public static class LiveAvatarEndpoints
{
    public static void MapLiveAvatarApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapLiveAvatarSessions();
        v1.MapLiveAvatarCatalogue();
        v1.MapLiveAvatarContexts();
        app.MapLiveAvatarSocket();
    }
}
