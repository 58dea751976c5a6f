using System.Text.Json;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Json;
using WireEdge.Contracts.Time;

namespace WireEdge.Foundation.Tests.Contracts;

public sealed class ClientIdTests
{
    [Theory]
    [InlineData("abc", 0xabcUL, "abc")]
    [InlineData("0ABC", 0xabcUL, "abc")]
    [InlineData("0000000000000abc", 0xabcUL, "abc")]
    [InlineData("ffffffffffffffff", ulong.MaxValue, "ffffffffffffffff")]
    [InlineData("0", 0UL, "0")]
    public void Parse_AcceptsAnyHex_RendersLowercaseWithoutLeadingZeros(string input, ulong value, string rendered)
    {
        Assert.True(ClientId.TryParse(input, out var id));
        Assert.Equal(value, id.Value);
        Assert.Equal(rendered, id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("xyz")]
    [InlineData("1ffffffffffffffff")]
    [InlineData("-1")]
    [InlineData(" 1")]
    public void Parse_RejectsNonHexAndOverflow(string input) => Assert.False(ClientId.TryParse(input, out _));

    [Fact]
    public void Json_RoundTripsAsString()
    {
        var json = JsonSerializer.Serialize(new ClientId(0x1f), ContractsJsonContext.Default.ClientId);
        Assert.Equal("\"1f\"", json);
        Assert.Equal(new ClientId(0x1f), JsonSerializer.Deserialize(json, ContractsJsonContext.Default.ClientId));
    }

    [Fact]
    public void QualifiedId_SerialisesIdAndDomain()
    {
        var id = Guid.Parse("00000000-0000-0000-0000-000000000001");
        var json = JsonSerializer.Serialize(new QualifiedId(id, "wire.example.com"), ContractsJsonContext.Default.QualifiedId);
        Assert.Equal("{\"id\":\"00000000-0000-0000-0000-000000000001\",\"domain\":\"wire.example.com\"}", json);
    }

    [Fact]
    public void WireTime_RendersMillisecondsWithZ()
    {
        var t = new DateTimeOffset(2024, 5, 1, 12, 34, 56, 789, TimeSpan.FromHours(2));
        Assert.Equal("2024-05-01T10:34:56.789Z", WireTime.Millis(t));
        Assert.Equal("2024-05-01T10:34:56Z", WireTime.Seconds(t));
    }
}
