namespace ProactiveReissue.IntegrationTests.Adapters;

/// <summary>The adapter contract tests share one WireMock and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AdapterCollection : ICollectionFixture<AdapterFixture>
{
    public const string Name = "adapters";
}
