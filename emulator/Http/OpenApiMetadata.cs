namespace HeyGenEmulator.Http;

public static class OpenApiMetadata
{
    /// <summary>
    /// Documents a JSON body without making routing reject other content types with a bare 415:
    /// HeyGen's own demo posts without a Content-Type, and curl's -d sends form encoding.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder) where T : notnull =>
        builder.Accepts<T>("application/json", "*/*");
}
