using ProactiveReissue.Gateway.Participants;

namespace ProactiveReissue.Tests.Gateway.Participants;

public sealed class PasswordHasherTests
{
    private const int FastIterations = 1_000;

    [Fact]
    public void Verify_HashOfTheSamePassword_ReturnsTrue()
    {
        // Arrange
        var hash = PasswordHasher.Hash("correct horse battery staple", FastIterations);

        // Act
        var ok = PasswordHasher.Verify("correct horse battery staple", hash);

        // Assert
        Assert.True(ok);
    }

    [Theory]
    [InlineData("Correct horse battery staple")]
    [InlineData("correct horse battery staple ")]
    [InlineData("")]
    public void Verify_AnotherPassword_ReturnsFalse(string attempt)
    {
        // Arrange
        var hash = PasswordHasher.Hash("correct horse battery staple", FastIterations);

        // Act
        var ok = PasswordHasher.Verify(attempt, hash);

        // Assert
        Assert.False(ok);
    }

    [Fact]
    public void Verify_NonAsciiPassword_RoundTrips()
    {
        // Arrange
        var hash = PasswordHasher.Hash("Пароль-Құпия-2026", FastIterations);

        // Act + Assert
        Assert.True(PasswordHasher.Verify("Пароль-Құпия-2026", hash));
        Assert.False(PasswordHasher.Verify("Пароль-Купия-2026", hash));
    }

    [Fact]
    public void Hash_SamePasswordTwice_UsesDifferentSalts()
    {
        // Act
        var first = PasswordHasher.Hash("s3cret", FastIterations).Split('$');
        var second = PasswordHasher.Hash("s3cret", FastIterations).Split('$');

        // Assert
        Assert.NotEqual(first[2], second[2]);
        Assert.NotEqual(first[3], second[3]);
    }

    [Fact]
    public void Hash_DefaultIterations_WritesTheDocumentedForm()
    {
        // Act
        var parts = PasswordHasher.Hash("s3cret").Split('$');

        // Assert
        Assert.Equal(4, parts.Length);
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.Equal("100000", parts[1]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s3cret")]
    [InlineData("pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA==")]
    [InlineData("pbkdf2-sha1$1000$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==")]
    [InlineData("pbkdf2-sha256$many$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==")]
    [InlineData("pbkdf2-sha256$-1000$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==")]
    [InlineData("pbkdf2-sha256$1000$not base64!$aGFzaGhhc2hoYXNoaGFzaA==")]
    [InlineData("pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA==$not base64!")]
    [InlineData("pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaA==$extra")]
    public void Verify_MalformedHash_ThrowsFormatException(string encoded)
    {
        // Act + Assert
        Assert.Throws<FormatException>(() => PasswordHasher.Verify("s3cret", encoded));
    }

    [Theory]
    [InlineData("pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA==$")]
    [InlineData("pbkdf2-sha256$1000$$")]
    public void Verify_EmptySaltOrHash_ThrowsFormatException(string encoded)
    {
        // Act + Assert: an empty expected hash must never compare equal to an empty derived one
        Assert.Throws<FormatException>(() => PasswordHasher.Verify("any password at all", encoded));
    }

    [Fact]
    public void Verify_ZeroIterations_ThrowsFormatException()
    {
        // Act + Assert
        Assert.Throws<FormatException>(() => PasswordHasher.Verify("s3cret", "pbkdf2-sha256$0$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA=="));
    }
}
