using WireEdge.Contracts.Ids;
using WireEdge.Galley.Conversations;

namespace WireEdge.Galley.Tests.Conversations;

public sealed class One2OneConversationIdTests
{
    private static readonly Guid A = Guid.Parse("11111111-2222-3333-4444-555555555555");
    private static readonly Guid B = Guid.Parse("00000000-aaaa-bbbb-cccc-dddddddddddd");

    // Expected values computed independently (Python hashlib) from the documented algorithm.
    [Fact]
    public void Compute_SameDomain_MatchesIndependentlyComputedVector()
    {
        var id = One2OneConversationId.Compute(new QualifiedId(A, "wire.example.com"), new QualifiedId(B, "wire.example.com"));

        Assert.Equal(Guid.Parse("b7baa07b-3917-50c3-b141-9344a543c900"), id.Id);
        Assert.Equal("wire.example.com", id.Domain);
    }

    [Fact]
    public void Compute_DifferentDomains_MatchesVectorAndPicksOwningDomain()
    {
        var id = One2OneConversationId.Compute(new QualifiedId(A, "b.example.com"), new QualifiedId(B, "a.example.com"));

        Assert.Equal(Guid.Parse("615966a1-94e3-509f-8720-4de92df9b0a9"), id.Id);
        Assert.Equal("b.example.com", id.Domain);
    }

    [Fact]
    public void Compute_IsSymmetric_AndVersion5Variant1()
    {
        for (var i = 0; i < 50; i++)
        {
            var a = new QualifiedId(Guid.NewGuid(), "wire.example.com");
            var b = new QualifiedId(Guid.NewGuid(), "wire.example.com");
            var x = One2OneConversationId.Compute(a, b);
            Assert.Equal(x, One2OneConversationId.Compute(b, a));
            var text = x.Id.ToString("D");
            Assert.Equal('5', text[14]);
            Assert.Contains(text[19], "89ab");
        }
    }

    [Fact]
    public void Compute_DifferentPairs_GiveDifferentIds()
    {
        var a = new QualifiedId(Guid.NewGuid(), "wire.example.com");
        var b = new QualifiedId(Guid.NewGuid(), "wire.example.com");
        var c = new QualifiedId(Guid.NewGuid(), "wire.example.com");

        Assert.NotEqual(One2OneConversationId.Compute(a, b).Id, One2OneConversationId.Compute(a, c).Id);
    }
}
