using WireEdge.Brig.Connections;
using WireEdge.Contracts.Services;
using S = WireEdge.Brig.Connections.ConnectionStatus;

namespace WireEdge.Brig.Tests.Connections;

public sealed class ConnectionRulesTests
{
    [Theory]
    [InlineData(null, null, S.Sent, S.Pending, One2OneMembership.RequesterOnly)]
    [InlineData(S.Cancelled, S.Cancelled, S.Sent, S.Pending, One2OneMembership.RequesterOnly)]
    [InlineData(S.Pending, S.Sent, S.Accepted, S.Accepted, One2OneMembership.Both)]
    [InlineData(S.Ignored, S.Sent, S.Accepted, S.Accepted, One2OneMembership.Both)]
    [InlineData(null, S.Blocked, S.Sent, null, One2OneMembership.RequesterOnly)]
    public void Connect_Transitions(string? self, string? other, string? newSelf, string? newOther, One2OneMembership membership)
    {
        var t = ConnectionRules.Connect(self, other);
        Assert.Null(t.ErrorLabel);
        Assert.Equal(newSelf, t.Self);
        Assert.Equal(newOther, t.Other);
        Assert.Equal(membership, t.Membership);
    }

    [Theory]
    [InlineData(S.Accepted)]
    [InlineData(S.Sent)]
    public void Connect_AlreadyConnectedOrSent_ChangesNothing(string self)
        => Assert.True(ConnectionRules.Connect(self, S.Pending).IsNoChange);

    [Fact]
    public void Connect_WhenCallerBlockedTheOther_IsBadUpdate()
        => Assert.Equal("bad-conn-update", ConnectionRules.Connect(S.Blocked, S.Pending).ErrorLabel);

    [Theory]
    [InlineData(S.Pending, S.Sent, S.Accepted, S.Accepted, S.Accepted)]
    [InlineData(S.Ignored, S.Sent, S.Accepted, S.Accepted, S.Accepted)]
    [InlineData(S.Pending, S.Sent, S.Ignored, S.Ignored, null)]
    [InlineData(S.Pending, S.Sent, S.Blocked, S.Blocked, null)]
    [InlineData(S.Accepted, S.Accepted, S.Blocked, S.Blocked, null)]
    [InlineData(S.Sent, S.Pending, S.Cancelled, S.Cancelled, S.Cancelled)]
    [InlineData(S.Blocked, S.Accepted, S.Accepted, S.Accepted, S.Accepted)]
    [InlineData(S.Blocked, S.Pending, S.Accepted, S.Sent, S.Pending)]
    [InlineData(S.Cancelled, S.Cancelled, S.Sent, S.Sent, S.Pending)]
    public void Update_ValidTransitions(string self, string other, string desired, string newSelf, string? newOther)
    {
        var t = ConnectionRules.Update(self, other, desired);
        Assert.Null(t.ErrorLabel);
        Assert.Equal(newSelf, t.Self);
        Assert.Equal(newOther, t.Other);
    }

    [Theory]
    [InlineData(S.Sent, S.Pending, S.Accepted)]
    [InlineData(S.Sent, S.Pending, S.Ignored)]
    [InlineData(S.Accepted, S.Accepted, S.Pending)]
    [InlineData(S.Accepted, S.Accepted, S.Cancelled)]
    [InlineData(S.Pending, S.Sent, S.Cancelled)]
    [InlineData(S.Pending, S.Sent, S.Sent)]
    [InlineData(S.Accepted, S.Accepted, "missing-legalhold-consent")]
    public void Update_InvalidTransitions_AreBadConnUpdate(string self, string other, string desired)
        => Assert.Equal("bad-conn-update", ConnectionRules.Update(self, other, desired).ErrorLabel);

    [Fact]
    public void Update_WithoutConnection_IsNotConnected()
        => Assert.Equal("not-connected", ConnectionRules.Update(null, null, S.Accepted).ErrorLabel);

    [Fact]
    public void Update_ToTheCurrentStatus_ChangesNothing()
        => Assert.True(ConnectionRules.Update(S.Accepted, S.Accepted, S.Accepted).IsNoChange);
}
