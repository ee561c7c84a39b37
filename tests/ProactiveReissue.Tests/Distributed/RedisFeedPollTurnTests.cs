using Microsoft.Extensions.Logging.Abstractions;
using ProactiveReissue.Gateway.Distributed;
using ProactiveReissue.Gateway.Reissue;
using ProactiveReissue.Reissue.Coordinator;
using ProactiveReissue.Reissue.Profiles;
using ProactiveReissue.Tests.Queue.Redis;
using ProactiveReissue.Tests.Reissue;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>Two instances' coordinator loops on one real redis-server read the GBD UL feed once per interval between them.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisFeedPollTurnTests(RedisServerFixture redis)
{
    private readonly RedisKeys _keys = new($"t{Guid.NewGuid():N}");

    [Fact]
    public async Task TryTakeAsync_AnotherInstanceHoldsTheTurn_FalseUntilItExpires()
    {
        var (a, b) = (new RedisFeedPollTurn(redis.Connection, _keys), new RedisFeedPollTurn(redis.Connection, _keys));

        var first = await a.TryTakeAsync(TimeSpan.FromMilliseconds(300), default);
        var second = await b.TryTakeAsync(TimeSpan.FromMilliseconds(300), default);
        await Task.Delay(700); // the turn expires on Redis's clock
        var afterExpiry = await b.TryTakeAsync(TimeSpan.FromMinutes(1), default);

        Assert.True(first);
        Assert.False(second);
        Assert.True(afterExpiry);
    }

    [Fact]
    public async Task ExecuteAsync_TwoInstancesShareTheTurn_FeedReadOnce()
    {
        var feedReads = await RunTwoLoopsAsync(() => new RedisFeedPollTurn(redis.Connection, _keys));

        Assert.Equal(1, feedReads);
    }

    [Fact]
    public async Task ExecuteAsync_EachInstanceItsOwnTurn_FeedReadTwice()
    {
        // What the shared turn prevents: without it every instance reads the feed each interval.
        var feedReads = await RunTwoLoopsAsync(() => new LocalFeedPollTurn());

        Assert.Equal(2, feedReads);
    }

    /// <summary>Starts two instances' loops, waits until both have come to the feed once, and returns how often it was read.</summary>
    private async Task<int> RunTwoLoopsAsync(Func<IFeedPollTurn> turn)
    {
        var time = new FakeTimeProvider();
        var ports = new CountingPorts(new FakePorts());
        var options = new ReissueOptions { Enabled = true, FeedPollMinutes = 15, PollSeconds = 60 };
        var turns = new[] { new CountingTurn(turn()), new CountingTurn(turn()) };
        var loops = turns.Select(t => new ReissueHostedService(Coordinator(ports, time), options, t, time, NullLogger<ReissueHostedService>.Instance)).ToList();
        foreach (var loop in loops)
        {
            await loop.StartAsync(default);
        }

        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline && (turns.Any(t => t.Calls == 0) || ports.FeedCalls < turns.Sum(t => t.Taken)))
            {
                await Task.Delay(20);
            }

            Assert.All(turns, t => Assert.Equal(1, t.Calls));
            return ports.FeedCalls;
        }
        finally
        {
            foreach (var loop in loops)
            {
                await loop.StopAsync(default);
                loop.Dispose();
            }
        }
    }

    private ReissueCoordinator Coordinator(CountingPorts ports, FakeTimeProvider time) =>
        new(new RedisCaseStore(redis.Connection, _keys), ports, [.. PilotProfiles.Defaults()], time, new RedisCaseLease(redis.Connection, _keys, TimeSpan.FromMinutes(1)));

    private sealed class CountingTurn(IFeedPollTurn inner) : IFeedPollTurn
    {
        private int _calls;
        private int _taken;

        public int Calls => Volatile.Read(ref _calls);

        public int Taken => Volatile.Read(ref _taken);

        public async Task<bool> TryTakeAsync(TimeSpan interval, CancellationToken cancellationToken)
        {
            var taken = await inner.TryTakeAsync(interval, cancellationToken);
            if (taken)
            {
                Interlocked.Increment(ref _taken);
            }

            Interlocked.Increment(ref _calls);
            return taken;
        }
    }
}
