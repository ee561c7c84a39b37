using System.Globalization;
using ProactiveReissue.Gateway.Distributed;
using ProactiveReissue.Reissue.Cases;
using ProactiveReissue.Reissue.Coordinator;
using ProactiveReissue.Reissue.Ports;
using ProactiveReissue.Reissue.Profiles;
using ProactiveReissue.Tests.Queue.Redis;
using ProactiveReissue.Tests.Reissue;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>Two coordinators ("instances") sharing one real redis-server: each case step runs on one of them only.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisCoordinatorTests(RedisServerFixture redis)
{
    private const int Companies = 12;
    private readonly RedisKeys _keys = new($"t{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new();
    private readonly FakePorts _fake = new();

    [Fact]
    public async Task RunDueAsync_TwoInstancesAtOnce_EachCaseSendsOneSms()
    {
        var ports = new CountingPorts(_fake);
        var (a, b) = (Instance(ports), Instance(ports));
        await OpenAsync(a);

        await Task.WhenAll(a.RunDueAsync(default), b.RunDueAsync(default), a.RunDueAsync(default), b.RunDueAsync(default));
        var store = new RedisCaseStore(redis.Connection, _keys);

        Assert.Equal(Companies, ports.SmsCalls);
        Assert.Equal(Companies, (await store.ByStateAsync(CaseState.AwaitingReply, 100, default)).Count);
    }

    [Fact]
    public async Task HandleReplyAsync_CaseBusyOnTheOtherInstance_WaitsForItsLeaseThenCompletes()
    {
        var ports = new CountingPorts(_fake);
        var (a, b) = (Instance(ports), Instance(ports));
        await OpenAsync(a, companies: 1);
        await a.RunDueAsync(default);
        var otherInstance = new RedisCaseLease(redis.Connection, _keys, TimeSpan.FromMinutes(1));
        var busy = (await otherInstance.TryAcquireAsync($"{PilotProfiles.EcoPermit}-{Bin(0)}", default))!;

        var reply = b.HandleReplyAsync(Phone(0), "1", default);
        await Task.Delay(200);
        var waitedForTheLease = !reply.IsCompleted;
        await busy.DisposeAsync();
        var outcome = await reply;

        Assert.True(waitedForTheLease);
        Assert.Equal(ReplyOutcome.Accepted, outcome);
        Assert.Equal(CaseState.Completed, (await new RedisCaseStore(redis.Connection, _keys).GetAsync($"{PilotProfiles.EcoPermit}-{Bin(0)}", default))!.State);
    }

    private ReissueCoordinator Instance(IReissuePorts ports) =>
        new(new RedisCaseStore(redis.Connection, _keys), ports, [.. PilotProfiles.Defaults().Where(p => p.ServiceCode == PilotProfiles.EcoPermit)], _time,
            new RedisCaseLease(redis.Connection, _keys, TimeSpan.FromMinutes(1)));

    private async Task OpenAsync(ReissueCoordinator coordinator, int companies = Companies)
    {
        for (var i = 0; i < companies; i++)
        {
            var iin = "8503123" + i.ToString("D5", CultureInfo.InvariantCulture);
            _fake.Permits[Bin(i)] = [new Permit("KZ" + i, "ECO_PERMIT_I", Bin(i))];
            _fake.Companies[Bin(i)] = new Company(Bin(i), "ТОО «Новое»", "ТОО «Старое»", iin);
            _fake.Phones[iin] = Phone(i);
            await coordinator.OpenAsync(new NameChangeNotice("n-" + i, Bin(i), _time.GetUtcNow()), default);
        }
    }

    private static string Bin(int i) => "2605401" + i.ToString("D5", CultureInfo.InvariantCulture);

    private static string Phone(int i) => "+7701555" + i.ToString("D4", CultureInfo.InvariantCulture);
}
