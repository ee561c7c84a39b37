using System.Globalization;
using ProactiveReissue.Shep.Identity;

namespace ProactiveReissue.Tests.Shep.Identity;

public sealed class IinBinTests
{
    private static readonly int[] FirstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    private static readonly int[] SecondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

    [Fact]
    public void IsValid_FirstWeightsGiveTheCheckDigit_ReturnsTrue()
    {
        // Arrange: 9·1 + 0·2 + 0·3 + 1·4 + 0·5 + 1·6 + 3·7 + 0·8 + 0·9 + 1·10 + 2·11 = 72; 72 mod 11 = 6
        const string iin = "900101300126";

        // Act
        var valid = IinBin.IsValid(iin);

        // Assert
        Assert.True(valid);
        Assert.Equal(6, IinBin.CheckDigit("90010130012"));
    }

    [Fact]
    public void CheckDigit_FirstSumIsTen_UsesSecondWeights()
    {
        // Arrange: weights 1..11 give 296, 296 mod 11 = 10; weights 3..11,1,2 give 377, 377 mod 11 = 3
        const string first11 = "12345678901";

        // Act
        var check = IinBin.CheckDigit(first11);

        // Assert
        Assert.Equal(3, check);
        Assert.True(IinBin.IsValid("123456789013"));
        Assert.False(IinBin.IsValid("123456789010"));
    }

    [Fact]
    public void CheckDigit_BothSumsAreTen_ReturnsNullAndNoCompletionIsValid()
    {
        // Arrange: both weightings give a remainder of 10: such a number is never issued
        const string first11 = "80061500020";

        // Act
        var check = IinBin.CheckDigit(first11);

        // Assert
        Assert.Null(check);
        Assert.Null(IinBin.Complete(first11));
        Assert.All(Enumerable.Range(0, 10), d => Assert.False(IinBin.IsValid(first11 + d.ToString(CultureInfo.InvariantCulture))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("90010130012")]
    [InlineData("9001013001260")]
    [InlineData("90010130012X")]
    [InlineData(" 900101300126")]
    [InlineData("9001-1300126")]
    [InlineData("٩٠٠١٠١٣٠٠١٢٦")]
    public void IsValid_NotTwelveAsciiDigits_ReturnsFalse(string? value)
    {
        // Act
        var valid = IinBin.IsValid(value);

        // Assert
        Assert.False(valid);
    }

    [Fact]
    public void IsValid_ManyGeneratedPrefixes_ExactlyTheReferenceCheckDigitIsAccepted()
    {
        // Arrange
        var random = new Random(20260315);
        var secondWeightCases = 0;
        var neverIssued = 0;

        for (var n = 0; n < 20_000; n++)
        {
            var prefix = RandomDigits(random, 11);
            var (expected, usedSecond) = Reference(prefix);
            secondWeightCases += usedSecond ? 1 : 0;
            neverIssued += expected is null ? 1 : 0;

            // Act
            var accepted = Enumerable.Range(0, 10).Where(d => IinBin.IsValid(prefix + d.ToString(CultureInfo.InvariantCulture))).ToArray();

            // Assert
            int[] expectedDigits = expected is null ? [] : [expected.Value];
            Assert.Equal(expected, IinBin.CheckDigit(prefix));
            Assert.Equal(expectedDigits, accepted);
        }

        // The sample really went through both rare branches (about 1 in 11 and 1 in 121).
        Assert.InRange(secondWeightCases, 1_000, 3_000);
        Assert.InRange(neverIssued, 50, 350);
    }

    [Fact]
    public void Complete_ManyGeneratedBirthDatePrefixes_ReturnsValidNumberWithSamePrefix()
    {
        // Arrange
        var random = new Random(7);
        var start = new DateOnly(1940, 1, 1);

        for (var n = 0; n < 5_000; n++)
        {
            var birth = start.AddDays(random.Next(0, 30_000));
            var prefix = birth.ToString("yyMMdd", CultureInfo.InvariantCulture) + random.Next(1, 7).ToString(CultureInfo.InvariantCulture) + RandomDigits(random, 4);

            // Act
            var complete = IinBin.Complete(prefix);

            // Assert
            if (complete is null)
            {
                Assert.Null(Reference(prefix).Check);
                continue;
            }

            Assert.StartsWith(prefix, complete, StringComparison.Ordinal);
            Assert.Equal(12, complete.Length);
            Assert.True(IinBin.IsValid(complete), complete);
        }
    }

    [Fact]
    public void IsValid_ValidNumberWithAnotherCheckDigit_ReturnsFalse()
    {
        // Arrange
        var random = new Random(11);
        for (var n = 0; n < 2_000; n++)
        {
            var valid = IinBin.Complete(RandomDigits(random, 11));
            if (valid is null)
            {
                continue;
            }

            // Act + Assert: every other last digit is refused
            foreach (var d in "0123456789".Where(c => c != valid[11]))
            {
                Assert.False(IinBin.IsValid(valid[..11] + d), valid[..11] + d);
            }
        }
    }

    /// <summary>The contract page's algorithm, written out independently of the product code.</summary>
    private static (int? Check, bool UsedSecond) Reference(string first11)
    {
        var first = Enumerable.Range(0, 11).Sum(i => (first11[i] - '0') * FirstWeights[i]) % 11;
        if (first != 10)
        {
            return (first, false);
        }

        var second = Enumerable.Range(0, 11).Sum(i => (first11[i] - '0') * SecondWeights[i]) % 11;
        return (second == 10 ? null : second, true);
    }

    private static string RandomDigits(Random random, int count) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));
}
