using System.Net;
using System.Xml;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Tests.Queue.Redis;

namespace ProactiveReissue.IntegrationTests.Distributed;

/// <summary>
/// The asynchronous channel on two gateway instances sharing one real redis-server: a message accepted by one
/// is pulled and acknowledged through the other, and its state is the same on both.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RedisStoresAsyncTests(GatewayFixture fixture)
{
    [Fact]
    public async Task GetMessages_AcceptedByOneInstance_PulledAndAcknowledgedThroughTheOther()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var prefix = "t" + Guid.NewGuid().ToString("N")[..8];
        await using var a = await InProcessGateway.StartAsync(fixture, Section(redis, prefix));
        await using var b = await InProcessGateway.StartAsync(fixture, Section(redis, prefix));
        Task<GatewayAnswer> SendAsync(InProcessGateway gateway, XmlDocument document, SigningCredentials credentials) =>
            gateway.AsyncClient(fixture).PostAsync(ShepTestClient.Signed(document, credentials));

        var sent = await SendAsync(a, AsyncEnvelopes.Send("D_PULL_SVC", "REQUEST", "D_CLIENT", fixture.Password), fixture.Pki.Client);
        var messageId = Text(sent, "messageId");
        var pulledOnB = await SendAsync(b, AsyncEnvelopes.GetMessages("D_PULL_SVC", "D_PULL", fixture.Password, amount: 10), fixture.Pki.WrongBin);
        var acceptedOnB = await SendAsync(b, AsyncEnvelopes.Notify(messageId, "D_PULL", fixture.Password, "MESSAGE_ACCEPTED"), fixture.Pki.WrongBin);
        var stateOnA = await SendAsync(a, AsyncEnvelopes.Status(messageId, "D_CLIENT", fixture.Password), fixture.Pki.Client);
        var pulledAgainOnA = await SendAsync(a, AsyncEnvelopes.GetMessages("D_PULL_SVC", "D_PULL", fixture.Password, amount: 10), fixture.Pki.WrongBin);

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Contains(messageId, pulledOnB.Text, StringComparison.Ordinal);
        Assert.True(acceptedOnB.FaultCode is null, acceptedOnB.ToString());
        Assert.Equal("DELIVERED", Text(stateOnA, "messageState"));
        Assert.DoesNotContain(messageId, pulledAgainOnA.Text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(a.Directory, "async.db")), "asynchronous messages must not fall back to SQLite in redis mode");
    }

    private object Section(RedisServerProcess redis, string prefix) => new
    {
        Participants = new object[]
        {
            new { SenderId = "D_CLIENT", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.ClientBin, Services = new[] { "D_PULL_SVC" } },
            new { SenderId = "D_PULL", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.OtherBin, Services = new[] { "D_PULL_SVC" } },
        },
        Services = new[] { new { ServiceId = "D_PULL_SVC", Recipient = "D_PULL" } },
        Store = new { Provider = "redis", KeyPrefix = prefix, Redis = new { Host = "127.0.0.1", redis.Port } },
    };

    private static string Text(GatewayAnswer answer, string name) =>
        answer.Soap.Document.GetElementsByTagName(name).Item(0)?.InnerText ?? throw new InvalidOperationException($"no <{name}> in {answer.Text}");
}
