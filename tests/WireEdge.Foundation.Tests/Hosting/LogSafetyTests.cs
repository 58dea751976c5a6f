using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireEdge.Testing;

namespace WireEdge.Foundation.Tests.Hosting;

public sealed class LogSafetyTests
{
    [Fact]
    public async Task TokensInTheQueryString_NeverReachTheLogs_EvenAtTraceLevel()
    {
        var sink = new CollectingProvider();
        await using var host = await WireEdgeTestHost.StartAsync(configure: b =>
        {
            b.Logging.AddProvider(sink);
            b.Logging.SetMinimumLevel(LogLevel.Trace);
        });
        const string secret = "SECRET0token0value0that0must0not0be0logged";
        foreach (var path in new[] { "/self", "/await", "/v8/notifications", "/assets/v3/x" })
        {
            using var response = await host.Public.GetAsync($"{path}?access_token={secret}");
            Assert.NotEqual(200, (int)response.StatusCode); // not a valid token: refused, and logged at some level
        }

        Assert.NotEmpty(sink.Lines); // the sink does see the requests' logging at all
        Assert.DoesNotContain(sink.Lines, l => l.Contains(secret, StringComparison.Ordinal));
    }

    private sealed class CollectingProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Collector(CollectingProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                owner.Lines.Enqueue(category + " scope " + state);
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => owner.Lines.Enqueue(category + " " + formatter(state, exception) + " " + exception);
        }
    }
}
