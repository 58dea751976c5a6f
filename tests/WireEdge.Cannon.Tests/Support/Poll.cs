namespace WireEdge.Cannon.Tests.Support;

public static class Poll
{
    /// <summary>Waits (up to 30 s) until <paramref name="condition"/> holds; fails otherwise.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan? timeout = null, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("condition not reached in time" + (describe is null ? "" : ": " + describe()));
            }

            await Task.Delay(20);
        }
    }
}
