namespace ProactiveReissue.Tests.Queue.Redis;

/// <summary>Tests that share <see cref="RedisServerFixture"/>; each uses its own queue name.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
