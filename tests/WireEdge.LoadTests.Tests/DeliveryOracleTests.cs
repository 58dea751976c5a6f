using WireEdge.LoadTests.Core;

namespace WireEdge.LoadTests.Tests;

public class DeliveryOracleTests
{
    [Fact]
    public void Summary_EveryAckedPushReceivedOnce_ReportsNothingMissing()
    {
        var oracle = new DeliveryOracle();
        oracle.Acknowledged("g0", 1, ["a", "b"]);
        oracle.Acknowledged("g0", 2, ["a", "b"]);
        oracle.Received("a", "g0", 1, "websocket");
        oracle.Received("b", "g0", 1, "websocket");
        oracle.Received("a", "g0", 2, "websocket");
        oracle.Received("b", "g0", 2, "catchup");

        var s = oracle.Summary();

        Assert.Equal(2, s.AcknowledgedPushes);
        Assert.Equal(4, s.ExpectedDeliveries);
        Assert.Equal(4, s.Delivered);
        Assert.Equal(0, s.Missing);
        Assert.Equal(0, s.Duplicates);
        Assert.Equal(0, s.OutOfOrder);
        Assert.Equal(3, s.ReceiptsBySource["websocket"]);
        Assert.Equal(1, s.ReceiptsBySource["catchup"]);
    }

    [Fact]
    public void Summary_OneReceiverNeverGetsOnePush_CountsExactlyOneMissing()
    {
        var oracle = new DeliveryOracle();
        oracle.Acknowledged("g0", 1, ["a", "b", "c"]);
        oracle.Received("a", "g0", 1, "websocket");
        oracle.Received("c", "g0", 1, "websocket");

        var s = oracle.Summary();

        Assert.Equal(1, s.Missing);
        Assert.Equal(2, s.Delivered);
        Assert.Equal([("b", "g0", 1L)], oracle.Outstanding());
    }

    [Fact]
    public void Summary_ReceiptOfUnacknowledgedPush_IsNotMissingAndNotDelivered()
    {
        var oracle = new DeliveryOracle();
        oracle.Received("a", "g0", 7, "websocket");

        var s = oracle.Summary();

        Assert.Equal(0, s.ExpectedDeliveries);
        Assert.Equal(0, s.Missing);
        Assert.Equal(1, s.Receipts);
    }

    [Fact]
    public void Received_SameSourceTwice_CountsADuplicate()
    {
        var oracle = new DeliveryOracle();
        oracle.Acknowledged("g0", 1, ["a"]);
        oracle.Received("a", "g0", 1, "websocket");
        oracle.Received("a", "g0", 1, "websocket");
        oracle.Received("a", "g0", 1, "websocket");

        var s = oracle.Summary();

        Assert.Equal(2, s.Duplicates);
        Assert.Equal(0, s.Missing);
    }

    [Fact]
    public void Received_OverWebsocketAndAgainByCatchup_IsNotADuplicate()
    {
        var oracle = new DeliveryOracle();
        oracle.Acknowledged("g0", 1, ["a"]);
        oracle.Received("a", "g0", 1, "websocket");
        oracle.Received("a", "g0", 1, "catchup");

        Assert.Equal(0, oracle.Summary().Duplicates);
    }

    [Fact]
    public void Received_LowerSequenceAfterHigherOnOneSource_CountsOutOfOrder()
    {
        var oracle = new DeliveryOracle();
        for (var seq = 1; seq <= 4; seq++)
        {
            oracle.Acknowledged("g0", seq, ["a"]);
        }

        oracle.Received("a", "g0", 1, "websocket");
        oracle.Received("a", "g0", 3, "websocket");
        oracle.Received("a", "g0", 2, "websocket");
        oracle.Received("a", "g0", 4, "websocket");

        var s = oracle.Summary();

        Assert.Equal(1, s.OutOfOrder);
        Assert.Equal(0, s.Missing);
    }

    [Fact]
    public void Received_StreamsAndSourcesAreOrderedIndependently()
    {
        var oracle = new DeliveryOracle();
        oracle.Received("a", "g0", 5, "websocket");
        oracle.Received("a", "g1", 1, "websocket");
        oracle.Received("a", "g0", 1, "catchup");
        oracle.Received("b", "g0", 1, "websocket");

        Assert.Equal(0, oracle.Summary().OutOfOrder);
    }
}
