using HeyGenEmulator.LiveKit;

namespace HeyGenEmulator.Tests.Security;

/// <summary>The generated PFX holds a password-less private key: only its owner may read it.</summary>
public sealed class LocalTlsFileModeTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tls-mode-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_new_certificate_is_written_0600_in_a_0700_directory()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Path.Combine(_root, "tls", "localhost.pfx");
        using var certificate = LocalTls.LoadOrCreate(new TlsSettings { CertificatePath = path });
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void A_cached_certificate_left_world_readable_is_made_private()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Path.Combine(_root, "localhost.pfx");
        using (LocalTls.LoadOrCreate(new TlsSettings { CertificatePath = path })) { }
        File.SetUnixFileMode(path, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using var cached = LocalTls.LoadOrCreate(new TlsSettings { CertificatePath = path });
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
