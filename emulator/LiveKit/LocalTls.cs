using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// <c>Emulator:Tls</c>: an optional HTTPS/WSS listener with a generated local certificate, for SDK ≥ 2.0.14, which
/// opens the chat socket at <c>wss://&lt;basePath host&gt;:443</c> whatever basePath's port is. Off unless
/// <c>Emulator:Tls:Port</c> is set (443 for the SDK; 0 = any free port, for tests). See docs/tls.md.
/// </summary>
public sealed class TlsSettings
{
    public const string Section = "Emulator:Tls";

    public int? Port { get; set; }

    /// <summary>PFX cache of the generated certificate (a PEM copy is written beside it). Default: ~/.cache/heygen-emulator/tls/localhost.pfx.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Names and addresses the certificate covers.</summary>
    public List<string> Hosts { get; set; } = ["localhost", "127.0.0.1", "::1"];
}

public static class LocalTls
{
    /// <summary>Adds <c>https://…:port</c> next to the configured URLs and serves it with the local certificate.</summary>
    public static void Configure(WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(TlsSettings.Section).Get<TlsSettings>();
        if (settings?.Port is not { } port) return;
        var urls = builder.Configuration["urls"] ?? builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey) ?? EmulatorApp.DefaultUrl;
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries).First();
        var host = new Uri(first.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0")).Host;
        builder.WebHost.UseUrls([.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries), $"https://{host}:{port}"]);
        var certificate = LoadOrCreate(settings);
        builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(o => o.ServerCertificate = certificate));
    }

    public static string DefaultPath()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var root = !string.IsNullOrEmpty(xdg) ? xdg : !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache") : Path.GetTempPath();
        return Path.Combine(root, "heygen-emulator", "tls", "localhost.pfx");
    }

    /// <summary>The cached certificate if it is still valid for a day, else a new self-signed one (cached).</summary>
    public static X509Certificate2 LoadOrCreate(TlsSettings settings)
    {
        var path = string.IsNullOrWhiteSpace(settings.CertificatePath) ? DefaultPath() : Path.GetFullPath(settings.CertificatePath);
        try
        {
            if (File.Exists(path))
            {
                OwnerOnly(path); // a cache written before the file was private
                var cached = X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.Exportable);
                if (cached.NotAfter > DateTime.Now.AddDays(1)) return cached;
            }
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException) { } // unreadable cache: make a new one
        var certificate = Create(settings.Hosts);
        try
        {
            WritePrivate(path, certificate.Export(X509ContentType.Pfx));
            File.WriteAllText(Path.ChangeExtension(path, ".crt"), certificate.ExportCertificatePem());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // serve it anyway
        return certificate;
    }

    /// <summary>The PFX holds the private key with no password: owner-only file (0600), in an owner-only directory (0700) if we make it.</summary>
    private static void WritePrivate(string path, byte[] pfx)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(path, pfx);
            return;
        }
        if (!Directory.Exists(directory)) Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        OwnerOnly(path); // tighten an existing file before the key goes in; a new one is created 0600
        using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        file.Write(pfx);
    }

    private static void OwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path)) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public static X509Certificate2 Create(IEnumerable<string> hosts)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=HeyGen Emulator (local)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var h in hosts)
        {
            if (IPAddress.TryParse(h, out var ip)) san.AddIpAddress(ip);
            else san.AddDnsName(h);
        }
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(365));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }
}
