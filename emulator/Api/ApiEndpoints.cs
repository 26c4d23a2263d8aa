namespace HeyGenEmulator.Api;

/// <summary>
/// HeyGen's API surface, one folder per endpoint group: Tokens (create_token), NewSession (new), Start (start, ice),
/// Tasks (task, interrupt, listening), Lifecycle (keep_alive, stop), Lists (the lists, avatar previews), KnowledgeBases
/// (knowledge_base/*), Voices (/v2/voices), Chat (the chat socket), Realtime (the v2 realtime socket), Demo.
/// Each endpoint reads: authenticate → read and check the request → the session layer acts → envelope.
/// </summary>
public static class ApiEndpoints
{
    public static void MapHeyGenApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/v1");
        var v2 = app.MapGroup("/v2");
        v1.MapTokenEndpoints();
        v1.MapNewSession();
        v1.MapStartEndpoints();
        v1.MapTaskEndpoints();
        v1.MapLifecycleEndpoints();
        v1.MapListEndpoints(v2);
        v1.MapKnowledgeBaseEndpoints();
        v2.MapVoiceEndpoints();
        app.MapAvatarPreview();
        app.MapChatEndpoint();
        app.MapRealtimeEndpoint();
        app.MapDemoEndpoints();
    }
}
