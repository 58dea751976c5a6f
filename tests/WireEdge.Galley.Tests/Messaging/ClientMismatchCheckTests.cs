using WireEdge.Contracts.Ids;
using WireEdge.Galley.Messaging;

namespace WireEdge.Galley.Tests.Messaging;

public sealed class ClientMismatchCheckTests
{
    private const string Domain = "wire.example.com";
    private static readonly Guid Sender = Guid.NewGuid();
    private static readonly Guid Member = Guid.NewGuid();
    private static readonly Guid Outsider = Guid.NewGuid();

    private static readonly Dictionary<Guid, IReadOnlyList<ClientId>> Clients = new()
    {
        [Sender] = [new ClientId(1), new ClientId(2)],
        [Member] = [new ClientId(3), new ClientId(4)],
    };

    private static OtrMessage Message(MismatchStrategy strategy, params (Guid User, ulong Client)[] recipients) => new()
    {
        SenderClient = 1,
        Recipients = [.. recipients.Select(r => new OtrRecipient(Domain, r.User, r.Client, new byte[] { 9 }))],
        Strategy = strategy,
    };

    [Fact]
    public void Check_ExactRecipients_AllValidNothingReported()
    {
        var result = ClientMismatchCheck.Check(Message(MismatchStrategy.ReportAll, (Sender, 2), (Member, 3), (Member, 4)), Domain, Sender, [Sender, Member], Clients);

        Assert.True(result.Send);
        Assert.Equal([0, 1, 2], result.Valid);
        Assert.True(result.Redundant.IsEmpty);
        Assert.True(result.Deleted.IsEmpty);
    }

    [Fact]
    public void Check_SenderClientIsNeverExpected_AndCountsAsDeletedWhenIncluded()
    {
        var result = ClientMismatchCheck.Check(Message(MismatchStrategy.ReportAll, (Sender, 1), (Sender, 2), (Member, 3), (Member, 4)), Domain, Sender, [Sender, Member], Clients);

        Assert.True(result.Send);
        Assert.Equal([1, 2, 3], result.Valid);
        Assert.Equal([1UL], result.Deleted.Entries.Single().Value);
    }

    [Fact]
    public void Check_ClassifiesMissingDeletedAndRedundant()
    {
        var result = ClientMismatchCheck.Check(Message(MismatchStrategy.ReportAll, (Member, 3), (Member, 99), (Outsider, 5)), Domain, Sender, [Sender, Member], Clients);

        Assert.False(result.Send);
        Assert.Equal([0], result.Valid);
        Assert.Equal(new[] { (Sender, 2UL), (Member, 4UL) }.Order(), result.Missing.Entries.SelectMany(e => e.Value.Select(c => (e.Key, c))).Order());
        Assert.Equal([99UL], result.Deleted.Entries.Single(e => e.Key == Member).Value);
        Assert.Equal([5UL], result.Redundant.Entries.Single(e => e.Key == Outsider).Value);
    }

    [Fact]
    public void Check_DuplicateRecipientEntry_IsDeliveredOnce()
    {
        var result = ClientMismatchCheck.Check(Message(MismatchStrategy.IgnoreAll, (Member, 3), (Member, 3)), Domain, Sender, [Sender, Member], Clients);

        Assert.Equal([0], result.Valid);
    }

    [Theory]
    [InlineData(MismatchStrategyKind.IgnoreAll, true)]
    [InlineData(MismatchStrategyKind.ReportAll, false)]
    public void Check_StrategyFiltersReportedMissing(MismatchStrategyKind kind, bool send)
    {
        var strategy = kind == MismatchStrategyKind.IgnoreAll ? MismatchStrategy.IgnoreAll : MismatchStrategy.ReportAll;

        var result = ClientMismatchCheck.Check(Message(strategy, (Member, 3)), Domain, Sender, [Sender, Member], Clients);

        Assert.Equal(send, result.Send);
        Assert.Equal([0], result.Valid);
    }

    [Fact]
    public void Check_ReportOnlyAndIgnoreOnly_ApplyPerUser()
    {
        var only = new HashSet<Guid> { Member };

        var reportMember = ClientMismatchCheck.Check(Message(new MismatchStrategy(MismatchStrategyKind.ReportOnly, only), (Sender, 2)), Domain, Sender, [Sender, Member], Clients);
        var ignoreMember = ClientMismatchCheck.Check(Message(new MismatchStrategy(MismatchStrategyKind.IgnoreOnly, only), (Sender, 2)), Domain, Sender, [Sender, Member], Clients);

        Assert.Equal([Member], reportMember.Missing.Entries.Select(e => e.Key));
        Assert.True(ignoreMember.Send);
    }
}
