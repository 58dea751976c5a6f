using WireEdge.Brig.Accounts;
using WireEdge.Brig.Handles;

namespace WireEdge.Brig.Tests.Handles;

public sealed class HandleRulesTests
{
    [Theory]
    [InlineData("ab", true)]
    [InlineData("a.b-c_d9", true)]
    [InlineData("a", false)]
    [InlineData("Ab", false)]
    [InlineData("a b", false)]
    [InlineData("wire", false)]
    [InlineData(null, false)]
    public void IsValid_FollowsWireSyntaxAndBlocklist(string? handle, bool valid) => Assert.Equal(valid, HandleRules.IsValid(handle));

    [Theory]
    [InlineData("a@example.com", true)]
    [InlineData("first.last+tag@sub.example.co", true)]
    [InlineData("@example.com", false)]
    [InlineData("a@example", false)]
    [InlineData("a@@example.com", false)]
    [InlineData("a@.example.com", false)]
    [InlineData("a..b@example.com", false)]
    [InlineData("Name <a@example.com>", false)]
    public void IsValidEmail_AcceptsPlainAddressesOnly(string email, bool valid) => Assert.Equal(valid, Validation.IsValidEmail(email));

    [Theory]
    [InlineData("en", true)]
    [InlineData("de-DE", true)]
    [InlineData("de-de-de", false)]
    [InlineData("1", false)]
    public void IsValidLocale(string locale, bool valid) => Assert.Equal(valid, Validation.IsValidLocale(locale));
}
