using HeyGenEmulator.WebRtc.Ice;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Ice;

public class IceCredentialsTests
{
    [Fact]
    public void Generated_credentials_meet_rfc_lengths_and_charset()
    {
        var seen = new HashSet<string>();
        for (int i = 0; i < 200; i++)
        {
            var c = IceCredentials.Generate();
            Assert.True(c.Ufrag.Length >= 4);
            Assert.True(c.Pwd.Length >= 22);
            Assert.True(IceCredentials.IsValidUfrag(c.Ufrag));
            Assert.True(IceCredentials.IsValidPwd(c.Pwd));
            Assert.True(seen.Add(c.Ufrag));
        }
    }

    [Theory]
    [InlineData("abc", false)]
    [InlineData("abcd", true)]
    [InlineData("ab+/", true)]
    [InlineData("ab:d", false)]
    [InlineData("ab d", false)]
    [InlineData(null, false)]
    public void Ufrag_validation(string? ufrag, bool valid) => Assert.Equal(valid, IceCredentials.IsValidUfrag(ufrag));

    [Fact]
    public void Pwd_validation_requires_22_chars()
    {
        Assert.False(IceCredentials.IsValidPwd(new string('a', 21)));
        Assert.True(IceCredentials.IsValidPwd(new string('a', 22)));
    }

    [Fact]
    public void Too_short_lengths_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IceCredentials.Generate(3, 24));
        Assert.Throws<ArgumentOutOfRangeException>(() => IceCredentials.Generate(8, 21));
    }
}
