namespace HeyGenEmulator.Http;

/// <summary>
/// CORS for LiveAvatar's API as its web SDK needs it: it fetches with <c>credentials: "include"</c> and an
/// <c>Authorization</c> header, so the browser preflights and accepts only its own origin echoed with
/// <c>Access-Control-Allow-Credentials: true</c>, never <c>*</c> (liveavatar-wire.md §2). Only LiveAvatar's paths get
/// it: HeyGen's keep their <c>*</c>, and the admin API gets no grant at all.
/// </summary>
public sealed class LiveAvatarCors(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !LiveAvatarPaths.Owns(context.Request.Path)) return next(context);
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlAllowCredentials = "true";
        headers.Vary = "Origin";
        headers.AccessControlExposeHeaders = "X-HeyGen-Emulator-Version";
        if (!HttpMethods.IsOptions(context.Request.Method) || context.Request.Headers.AccessControlRequestMethod.Count == 0) return next(context);
        headers.AccessControlAllowMethods = "GET, POST, PATCH, DELETE, OPTIONS";
        var asked = context.Request.Headers.AccessControlRequestHeaders.ToString();
        headers.AccessControlAllowHeaders = asked.Length > 0 ? asked : "authorization, content-type, x-api-key";
        headers.AccessControlMaxAge = "3600";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
